package io.modelgate.core.error;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The secret values {@link Redaction} knows, indexed by their last {@link #WINDOW} characters so that finding them
 * in a text takes one pass over the text whatever their number (a long-running service comes to know tens of
 * thousands: one per console sign-in, one per user key opened). The pass rolls a key over each window of the text
 * (Rabin-Karp, with a byte of each character packed into a long); a small bit filter turns most windows away, and
 * the values whose last window hashes alike are compared exactly, longest first. The last window rather than the
 * first: the keys of one provider share their first characters ({@code sk-proj-}, {@code sk-ant-api03-}, and so do
 * their encodings), which would put thousands in one bucket, while their ends are random.
 *
 * <p>Where matches overlap, the redacted span is their union, so no part of any value is left; one value holding
 * another is replaced whole. Matches that only touch are replaced one by one.
 *
 * <p>Thread-safe. Adds are serialised; {@link #redact} takes no lock and sees every value added before it started: an
 * add writes the value's bucket and filter bits, then publishes them by a volatile write of the table's count (or of
 * the grown table), which a redaction reads first.
 */
final class KnownValues {
  /** The length every value has at least, and the width of the window: a byte of each character fills a long. */
  static final int WINDOW = Long.BYTES;
  private static final long MIX = 0x9E3779B97F4A7C15L;
  private static final int FIRST_SLOT_BITS = 6;

  private final int maxValues;
  private final String replacement;
  private volatile Table table = new Table(FIRST_SLOT_BITS);

  /** Remembers at most {@code maxValues} values; each match is replaced by {@code replacement}. */
  KnownValues(int maxValues, String replacement) {
    this.maxValues = maxValues;
    this.replacement = replacement;
  }

  /**
   * Adds each of {@code values} not already known, unless {@code maxValues} are known already (the forms of one
   * secret go in together).
   *
   * @throws IllegalArgumentException if a value is shorter than {@link #WINDOW}
   */
  synchronized void addAll(List<String> values) {
    for (String value : values) {
      if (value.length() < WINDOW) {
        throw new IllegalArgumentException("'value' must be at least " + WINDOW + " characters");
      }
    }
    Table t = table;
    if (t.count >= maxValues) {
      return;
    }
    for (String value : values) {
      long key = keyOf(value, value.length() - WINDOW);
      if (t.contains(value, key)) {
        continue;
      }
      if (t.count + 1 > t.capacity()) {
        t = t.grown();
        t.insert(value, key);
        t.count++;
        table = t;
      } else {
        t.insert(value, key);
        t.count++; // the volatile write that publishes the insert
      }
    }
  }

  /**
   * Whether {@code value} is known: without the lock, so that remembering a value again (a provider key read from the
   * environment on every call) costs a lookup, not its encodings and the lock.
   */
  boolean contains(String value) {
    Table t = table;
    return t.count > 0 && value.length() >= WINDOW && t.contains(value, keyOf(value, value.length() - WINDOW));
  }

  /** How many distinct values are known. */
  int size() {
    return table.count;
  }

  /** {@code text} with every known value replaced; {@code text} itself when it holds none. */
  String redact(String text) {
    Table t = table;
    int n = text.length();
    if (n < WINDOW || t.count == 0) {
      return text;
    }
    long key = keyOf(text, 0);
    long[] spans = null;
    int found = 0;
    for (int end = WINDOW; ; end++) {
      String match = t.longestEndingAt(text, end, key);
      if (match != null) {
        if (spans == null) {
          spans = new long[4];
        } else if (found == spans.length) {
          spans = Arrays.copyOf(spans, found * 2);
        }
        spans[found++] = (long) (end - match.length()) << 32 | end;
      }
      if (end == n) {
        break;
      }
      key = key << Byte.SIZE | folded(text.charAt(end)); // the window's first character shifts out
    }
    return spans == null ? text : replaced(text, spans, found);
  }

  /** {@code text} with each union of overlapping spans (start in the high half, end in the low) replaced once. */
  private String replaced(String text, long[] spans, int found) {
    Arrays.sort(spans, 0, found);
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (int i = 0; i < found; ) {
      int start = (int) (spans[i] >>> 32);
      int end = (int) spans[i];
      for (i++; i < found && (int) (spans[i] >>> 32) < end; i++) {
        end = Math.max(end, (int) spans[i]);
      }
      out.append(text, copied, start).append(replacement);
      copied = end;
    }
    return out.append(text, copied, text.length()).toString();
  }

  /** The key of {@code s}'s {@link #WINDOW} characters from {@code from}, as the pass rolls it. */
  private static long keyOf(String s, int from) {
    long key = 0;
    for (int i = from; i < from + WINDOW; i++) {
      key = key << Byte.SIZE | folded(s.charAt(i));
    }
    return key;
  }

  /** A byte of {@code c}: itself in Latin-1 text (so an ASCII window's key is the window), its two bytes folded. */
  private static long folded(char c) {
    return (c ^ c >>> Byte.SIZE) & 0xFF;
  }

  /**
   * Buckets of values by a hash of their last window's key, each longest first, and a bit filter with one 64-bit
   * word per eight buckets in which each value sets one bit. Written only under {@link KnownValues}'s lock; a grown
   * table replaces it whole, and it is not written after that.
   */
  private static final class Table {
    private final int shift;
    private final AtomicReferenceArray<String[]> buckets;
    private final long[] filter;
    volatile int count;

    Table(int slotBits) {
      shift = 64 - slotBits;
      buckets = new AtomicReferenceArray<>(1 << slotBits);
      filter = new long[Math.max(1, (1 << slotBits) >>> 3)];
    }

    /** At most one value for two buckets, so that a bucket holds about one and the filter stays sparse. */
    int capacity() {
      return buckets.length() / 2;
    }

    Table grown() {
      Table next = new Table(64 - shift + 1);
      for (int slot = 0; slot < buckets.length(); slot++) {
        String[] bucket = buckets.getPlain(slot);
        if (bucket != null) {
          for (String value : bucket) {
            next.insert(value, keyOf(value, value.length() - WINDOW));
          }
        }
      }
      next.count = count;
      return next;
    }

    boolean contains(String value, long key) {
      String[] bucket = buckets.getAcquire(slot(mixed(key)));
      return bucket != null && Arrays.asList(bucket).contains(value);
    }

    void insert(String value, long key) {
      long mixed = mixed(key);
      int slot = slot(mixed);
      String[] bucket = buckets.getPlain(slot);
      String[] next;
      if (bucket == null) {
        next = new String[] {value};
      } else {
        int at = 0;
        while (at < bucket.length && bucket[at].length() >= value.length()) {
          at++;
        }
        next = new String[bucket.length + 1];
        System.arraycopy(bucket, 0, next, 0, at);
        next[at] = value;
        System.arraycopy(bucket, at, next, at + 1, bucket.length - at);
      }
      buckets.setRelease(slot, next);
      filter[slot >>> 3] |= bit(mixed);
    }

    /** The longest value that ends before {@code text[end]}, where the window has {@code key}; null if none. */
    String longestEndingAt(String text, int end, long key) {
      long mixed = mixed(key);
      int slot = slot(mixed);
      if ((filter[slot >>> 3] & bit(mixed)) == 0) {
        return null;
      }
      String[] bucket = buckets.getAcquire(slot);
      if (bucket != null) {
        for (String value : bucket) {
          if (text.startsWith(value, end - value.length())) {
            return value;
          }
        }
      }
      return null;
    }

    private int slot(long mixed) {
      return (int) (mixed >>> shift);
    }

    /** A bit of the slot's filter word, chosen by bits 32-37 of the hash, apart from the slot's (its top 18). */
    private static long bit(long mixed) {
      return 1L << (mixed >>> 32);
    }

    /** A hash of a window's key whose high bits each depend on all of its characters. */
    private static long mixed(long key) {
      return (key ^ key >>> 32) * MIX;
    }
  }
}
