package io.modelgate.core.model;

import static io.modelgate.core.model.ModelStatus.Actor.ADMIN;
import static io.modelgate.core.model.ModelStatus.Actor.DISCOVERY;
import static io.modelgate.core.model.ModelStatus.DEPRECATED;
import static io.modelgate.core.model.ModelStatus.DISABLED;
import static io.modelgate.core.model.ModelStatus.ENABLED;
import static io.modelgate.core.model.ModelStatus.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelStatusTest {
  /** Every (from, to, actor) triple, with whether the lifecycle allows it. */
  @ParameterizedTest(name = "{0} -> {1} by {2}: {3}")
  @CsvSource({
      "PENDING,ENABLED,ADMIN,true", "PENDING,DISABLED,ADMIN,true", "PENDING,DEPRECATED,ADMIN,true",
      "PENDING,PENDING,ADMIN,true",
      "ENABLED,DISABLED,ADMIN,true", "ENABLED,DEPRECATED,ADMIN,true", "ENABLED,PENDING,ADMIN,false",
      "DISABLED,ENABLED,ADMIN,true", "DISABLED,DEPRECATED,ADMIN,true", "DISABLED,PENDING,ADMIN,false",
      "DEPRECATED,ENABLED,ADMIN,true", "DEPRECATED,DISABLED,ADMIN,true", "DEPRECATED,PENDING,ADMIN,false",
      "PENDING,ENABLED,DISCOVERY,true", "PENDING,DISABLED,DISCOVERY,false", "PENDING,DEPRECATED,DISCOVERY,true",
      "ENABLED,DISABLED,DISCOVERY,false", "ENABLED,DEPRECATED,DISCOVERY,true",
      "DISABLED,ENABLED,DISCOVERY,false", "DISABLED,DEPRECATED,DISCOVERY,true",
      "DEPRECATED,ENABLED,DISCOVERY,false", "DEPRECATED,DISABLED,DISCOVERY,false",
      "DEPRECATED,PENDING,DISCOVERY,false"})
  void lifecycleAllowsExactlyTheDocumentedMoves(ModelStatus from, ModelStatus to, ModelStatus.Actor actor,
      boolean allowed) {
    assertThat(from.canMoveTo(to, actor)).isEqualTo(allowed);
    if (allowed) {
      from.checkMoveTo(to, actor);
    } else {
      assertThatThrownBy(() -> from.checkMoveTo(to, actor))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessageContaining("cannot change a model from " + from.wireName() + " to " + to.wireName());
    }
  }

  @ParameterizedTest
  @CsvSource({"DEPRECATED,ENABLED", "DEPRECATED,DISABLED"})
  void onlyAnAdminBringsADeprecatedModelBack(ModelStatus from, ModelStatus to) {
    assertThatThrownBy(() -> from.checkMoveTo(to, DISCOVERY)).hasMessageContaining("only an admin");
    assertThat(from.canMoveTo(to, ADMIN)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"ENABLED", "DISABLED", "DEPRECATED"})
  void nothingGoesBackToPending(ModelStatus from) {
    assertThatThrownBy(() -> from.checkMoveTo(PENDING, ADMIN)).hasMessageContaining("no model goes back to pending");
  }

  @ParameterizedTest
  @CsvSource({"enabled,ENABLED", "Disabled,DISABLED", " pending ,PENDING"})
  void parsesWireNames(String text, ModelStatus expected) {
    assertThat(ModelStatus.parse(text)).isEqualTo(expected);
    assertThat(ENABLED.wireName()).isEqualTo("enabled");
    assertThat(DEPRECATED.wireName()).isEqualTo("deprecated");
    assertThat(DISABLED).isNotEqualTo(ENABLED);
  }

  @org.junit.jupiter.api.Test
  void unknownStatusNamesTheChoices() {
    assertThatThrownBy(() -> ModelStatus.parse("on")).hasMessageContaining("expected one of pending, enabled");
  }
}
