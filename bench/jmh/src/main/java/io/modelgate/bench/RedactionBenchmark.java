package io.modelgate.bench;

import io.modelgate.core.error.Redaction;
import io.modelgate.core.model.Secret;
import java.util.Base64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Redacting a log line while the process knows few or many secrets: a long-running service remembers one at every
 * console sign-in and every user key it opens, and every access line goes through {@link Redaction}. The secrets
 * are process-wide, so each value of {@code secrets} needs its own fork (JMH's default; not {@code -f 0}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedactionBenchmark {
  /** How many secrets the process has remembered (each with its encodings). */
  @Param({"10", "10000"})
  public int secrets;

  private String accessLine;
  private String errorWithSecret;

  @Setup
  public void setUp() {
    Random random = new Random(14);
    String last = null;
    for (int i = 0; i < secrets; i++) {
      byte[] bytes = new byte[32];
      random.nextBytes(bytes);
      last = Secret.of("mgs_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)).reveal();
    }
    accessLine = "POST /v1/chat/completions 200 3ms request_id=req_0123456789abcdef caller=usr_4d5048695399 "
        + "model=fast:gpt-bench provider=fast input_tokens=24 output_tokens=170 cost_usd=0 attempts=1";
    errorWithSecret = "upstream 401 from fast: {\"error\":{\"message\":\"Incorrect API key provided: " + last
        + "\",\"type\":\"invalid_request_error\"}}";
  }

  /** The common case: an access line that holds no secret. */
  @Benchmark
  public String accessLine() {
    return Redaction.redact(accessLine);
  }

  /** An upstream error that echoes a key back. */
  @Benchmark
  public String errorWithSecret() {
    return Redaction.redact(errorWithSecret);
  }
}
