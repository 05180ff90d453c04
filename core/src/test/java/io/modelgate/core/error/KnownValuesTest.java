package io.modelgate.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/** A fresh index per test: the process-wide one in {@link Redaction} would carry values from test to test. */
class KnownValuesTest {
  private final KnownValues known = new KnownValues(100_000, "[x]");

  @Test
  void tenThousandValuesAreAllRedactedWhereverTheyStand() {
    Random random = new Random(1);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      // Half of one provider's family, sharing their first 13 characters, as real keys do.
      values.add((i % 2 == 0 ? "sk-ant-api03-" : "") + word(random, 8 + random.nextInt(50)));
      known.addAll(List.of(values.get(i)));
    }
    assertThat(known.size()).isEqualTo(10_000);
    for (int i = 0; i < values.size(); i += 7) {
      String text = values.get(i) + " at the start, in the " + values.get(i) + "middle, and at the end:"
          + values.get(i);
      assertThat(known.redact(text)).isEqualTo("[x] at the start, in the [x]middle, and at the end:[x]");
    }
  }

  @Test
  void randomTextsComeOutAsTheUnionOfEveryMatchRedacted() {
    Random random = new Random(2);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // A small alphabet, so that values overlap, nest and share their first eight characters.
      String value = random.ints(8 + random.nextInt(12), 'a', 'd')
          .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
      values.add(value);
      known.addAll(List.of(value));
    }
    for (int round = 0; round < 2_000; round++) {
      StringBuilder b = new StringBuilder();
      while (b.length() < 120) {
        b.append(random.nextBoolean() ? values.get(random.nextInt(values.size())) : word(random, random.nextInt(6)));
      }
      String text = b.toString();
      assertThat(known.redact(text)).as(text).isEqualTo(unionRedacted(text, values));
    }
  }

  @Test
  void aValueHoldingAnotherGoesWholeAndTheOtherAloneStillGoes() {
    known.addAll(List.of("inner-key-0123", "outer-inner-key-0123-end"));
    assertThat(known.redact("a outer-inner-key-0123-end b inner-key-0123 c")).isEqualTo("a [x] b [x] c");
  }

  @Test
  void overlappingValuesLeaveNoPartOfEither() {
    known.addAll(List.of("abcdefghijkl", "ijklmnopqrst"));
    assertThat(known.redact("<abcdefghijklmnopqrst>")).isEqualTo("<[x]>");
    assertThat(known.redact("<ijklmnopqrstabcdefghijkl>")).as("touching, not overlapping").isEqualTo("<[x][x]>");
  }

  @Test
  void valuesSharingTheirFirstCharactersAreToldApartLongestFirst() {
    known.addAll(List.of("prefix00", "prefix00-long", "prefix00-longer-still"));
    assertThat(known.redact("prefix00-longer-still|prefix00-longer|prefix00-lon|prefix0"))
        .isEqualTo("[x]|[x]er|[x]-lon|prefix0");
  }

  @Test
  void valuesSharingTheirLastCharactersAreToldApartLongestFirst() {
    known.addAll(List.of("common-tail", "x-common-tail", "yy-x-common-tail"));
    assertThat(known.redact("zyy-x-common-tail|z-x-common-tail|x-common-tail|ommon-tail"))
        .isEqualTo("z[x]|z-[x]|[x]|ommon-tail");
  }

  @Test
  void aValueThatIsTheWholeTextOrStartsOrEndsItIsRedacted() {
    known.addAll(List.of("12345678", "edge-value-xyz"));
    assertThat(known.redact("12345678")).isEqualTo("[x]");
    assertThat(known.redact("edge-value-xyz tail")).isEqualTo("[x] tail");
    assertThat(known.redact("head edge-value-xyz")).isEqualTo("head [x]");
    assertThat(known.redact("1234567")).isEqualTo("1234567");
  }

  @Test
  void textWithoutAValueIsReturnedItself() {
    known.addAll(List.of("some-secret-value"));
    String text = "POST /v1/chat/completions 200 3ms request_id=req_0123456789abcdef";
    assertThat(known.redact(text)).isSameAs(text);
    assertThat(known.redact("short")).isSameAs("short");
    String none = "nothing known yet";
    assertThat(new KnownValues(10, "[x]").redact(none)).isSameAs(none);
  }

  @Test
  void aValueShorterThanTheWindowIsRefusedAndNothingOfItsBatchIsAdded() {
    assertThatThrownBy(() -> known.addAll(List.of("long-enough-value", "1234567")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("8");
    assertThat(known.size()).isZero();
  }

  @Test
  void unicodeValuesAndTextAreMatchedByTheirCharacters() {
    String value = "clé-ünïcødé-秘密-🔑-key";
    known.addAll(List.of(value, "🔑🔑🔑🔑🔑"));
    assertThat(known.redact("日本語 " + value + " ✓")).isEqualTo("日本語 [x] ✓");
    assertThat(known.redact("🔑🔑🔑🔑🔑!")).isEqualTo("[x]!");
    assertThat(known.redact("🔑🔑🔑🔑")).as("four emoji are eight chars, not the value").isEqualTo("🔑🔑🔑🔑");
  }

  @Test
  void containsTellsAKnownValueFromAnUnknownOneSharingItsEnd() {
    assertThat(known.contains("some-secret-value")).isFalse();
    known.addAll(List.of("some-secret-value", "c29tZS1zZWNyZXQtdmFsdWU"));
    assertThat(known.contains("some-secret-value")).isTrue();
    assertThat(known.contains("c29tZS1zZWNyZXQtdmFsdWU")).isTrue();
    assertThat(known.contains("other-secret-value")).as("the same last 8 characters").isFalse();
    assertThat(known.contains("secret")).as("shorter than the window").isFalse();
  }

  @Test
  void addsStopAtTheCapAndAValueAlreadyKnownIsNotCountedTwice() {
    KnownValues capped = new KnownValues(3, "[x]");
    capped.addAll(List.of("value-one", "value-one", "value-two"));
    assertThat(capped.size()).isEqualTo(2);
    capped.addAll(List.of("value-three", "value-four"));
    assertThat(capped.size()).as("a secret's forms go in together, even past the cap").isEqualTo(4);
    capped.addAll(List.of("value-five"));
    assertThat(capped.size()).isEqualTo(4);
    assertThat(capped.redact("value-four value-five")).isEqualTo("[x] value-five");
  }

  @Test
  void aRedactionSeesEveryValueAddedBeforeItWhileOthersAreBeingAdded() throws InterruptedException {
    int perWriter = 5_000;
    AtomicReferenceArray<String> added = new AtomicReferenceArray<>(2 * perWriter);
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int writer = w;
      threads.add(Thread.ofPlatform().start(() -> {
        await(start);
        Random random = new Random(writer);
        for (int i = 0; i < perWriter; i++) {
          String value = "w" + writer + "-" + i + "-" + word(random, 12);
          known.addAll(List.of(value));
          added.set(writer * perWriter + i, value); // published after the add returned
        }
      }));
    }
    for (int r = 0; r < 2; r++) {
      threads.add(Thread.ofPlatform().start(() -> {
        await(start);
        Random random = new Random();
        while (writing.get()) {
          String value = added.get(random.nextInt(added.length()));
          if (value != null && !known.redact("k=" + value + ";").equals("k=[x];")) {
            failures.add(value);
          }
        }
      }));
    }
    start.countDown();
    threads.get(0).join();
    threads.get(1).join();
    writing.set(false);
    threads.get(2).join();
    threads.get(3).join();
    assertThat(failures).isEmpty();
    assertThat(known.size()).isEqualTo(2 * perWriter);
    for (int i = 0; i < added.length(); i++) {
      assertThat(known.redact(added.get(i))).isEqualTo("[x]");
    }
  }

  /** The reference: every occurrence of every value marked, overlapping spans merged, each span replaced once. */
  private static String unionRedacted(String text, List<String> values) {
    List<int[]> spans = new ArrayList<>();
    for (String value : values) {
      for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
        spans.add(new int[] {at, at + value.length()});
      }
    }
    spans.sort(Comparator.comparingInt(s -> s[0]));
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (int i = 0; i < spans.size(); ) {
      int start = spans.get(i)[0];
      int end = spans.get(i)[1];
      for (i++; i < spans.size() && spans.get(i)[0] < end; i++) {
        end = Math.max(end, spans.get(i)[1]);
      }
      out.append(text, copied, start).append("[x]");
      copied = end;
    }
    return out.append(text.substring(copied)).toString();
  }

  private static String word(Random random, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append((char) ('0' + random.nextInt(75)));
    }
    return b.toString();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
