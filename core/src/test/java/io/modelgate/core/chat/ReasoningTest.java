package io.modelgate.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReasoningTest {
  @Test
  void aBudgetReadsAsTheHighestEffortWhoseBudgetItReaches() {
    assertThat(Reasoning.ofBudget(100).effort()).isEqualTo(Reasoning.Effort.MINIMAL);
    assertThat(Reasoning.ofBudget(1024).effort()).isEqualTo(Reasoning.Effort.LOW);
    assertThat(Reasoning.ofBudget(4095).effort()).isEqualTo(Reasoning.Effort.LOW);
    assertThat(Reasoning.ofBudget(4096).effort()).isEqualTo(Reasoning.Effort.MEDIUM);
    assertThat(Reasoning.ofBudget(32000).effort()).isEqualTo(Reasoning.Effort.HIGH);
    assertThat(Reasoning.ofBudget(2048).budget()).as("the budget asked is kept").isEqualTo(2048);
  }

  @Test
  void anEffortReadsAsItsBudget() {
    assertThat(Reasoning.of(Reasoning.Effort.parse("High")).budget()).isEqualTo(16384);
    assertThat(Reasoning.of(Reasoning.Effort.LOW).budget()).isEqualTo(1024);
    assertThat(Reasoning.Effort.MEDIUM.wireName()).isEqualTo("medium");
  }

  @Test
  void badValuesAreRefusedByName() {
    assertThatThrownBy(() -> Reasoning.Effort.parse("extreme")).hasMessageContaining("'extreme'");
    assertThatThrownBy(() -> Reasoning.ofBudget(0)).hasMessageContaining("'budgetTokens'");
  }
}
