package io.modelgate.app;

import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.Secret;
import io.modelgate.core.provider.OutboundPolicy;
import io.modelgate.core.routing.FailoverSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Every setting of Modelgate, typed, read in this one place from the environment and {@code modelgate.yaml} and
 * checked once: {@link #load} names each variable (or the file and field) that is wrong, all of them at once. The
 * provider variables ({@code OPENAI_API_KEY}, {@code OLLAMA_URL}, {@code MODELGATE_DEMO}, …) are each provider
 * module's part of the environment contract; the graph reads them through the drivers once, beside this.
 *
 * @param home the data directory ({@value #HOME}; else {@code $XDG_DATA_HOME/modelgate}; else
 *     {@code ~/.local/share/modelgate})
 * @param databaseUrl the JDBC URL ({@value #DB_URL}; else an H2 file {@code modelgate} in {@code home})
 * @param masterKey the Tink keyset that encrypts stored keys ({@value #MASTER_KEY}); null: {@link #keysetFile()}
 * @param file {@code modelgate.yaml} ({@value #CONFIG}, else {@code ./modelgate.yaml}, else in {@code home})
 * @param defaultModel the server default text model ({@value #DEFAULT_MODEL} or {@value #DEFAULT_MODEL_ALIAS},
 *     else the file's {@code default_model})
 * @param redisUrl a Redis for the rpm and tpm counters ({@value #REDIS_URL}), or null
 * @param http the HTTP service's settings
 * @param outbound which addresses providers may reach ({@code MODELGATE_OUTBOUND_POLICY},
 *     {@code MODELGATE_ALLOWED_PRIVATE_NETWORKS}; core's {@link OutboundPolicy} reads its two variables)
 * @param failover attempts, timeouts and circuit breakers ({@value #MAX_ATTEMPTS},
 *     {@value #FIRST_BYTE_TIMEOUT_SECONDS}, {@value #IDLE_TIMEOUT_SECONDS}, {@value #REQUEST_TIMEOUT_SECONDS},
 *     {@value #RETRY_AFTER_MAX_WAIT_SECONDS}, {@value #BREAKER_FAILURES}, {@value #BREAKER_COOLDOWN_SECONDS}; each
 *     unset one keeps {@link FailoverSettings#DEFAULTS}' value)
 * @param operations the management port, log format and alert webhook ({@value #MANAGEMENT_PORT},
 *     {@value #LOG_FORMAT}, {@value #ALERT_WEBHOOK})
 */
public record Configuration(Path home, String databaseUrl, @Nullable Secret masterKey, ConfigFile file,
    @Nullable ModelId defaultModel, @Nullable URI redisUrl, HttpSettings http, OutboundPolicy outbound,
    FailoverSettings failover, OperationsSettings operations) {
  public static final String HOME = "MODELGATE_HOME";
  public static final String DB_URL = "MODELGATE_DB_URL";
  /**
   * The embedded H2 database's page cache, in KB: 8 MB, what H2 takes by default under the launcher's 128 MB heap
   * ceiling (64 MB per GB), fixed so that a larger -Xmx does not grow it. A smaller cache saves live heap but costs
   * CPU: with 1 MB, live heap after the bench's c=256 load was 18.5-20.6 MB against 26.2-27.4 MB, but the first start
   * with a 10,000-model catalog took 47-49 s of CPU until the list was served against 16-17 s with 2, 4 or 8 MB (one
   * start each, the gateway on one core, quiet machine, 2026-11-30), and with 2 MB the usage writer's CPU a request
   * rose from ~8 to ~13 us at c=256.
   */
  static final int H2_CACHE_KB = 8192;
  public static final String MASTER_KEY = "MODELGATE_MASTER_KEY";
  public static final String CONFIG = "MODELGATE_CONFIG";
  public static final String DEFAULT_MODEL = "MODELGATE_DEFAULT_MODEL";
  public static final String DEFAULT_MODEL_ALIAS = "AI_DEFAULT_MODEL";
  public static final String REDIS_URL = "MODELGATE_REDIS_URL";
  public static final String HOST = "MODELGATE_HOST";
  public static final String PORT = "MODELGATE_PORT";
  public static final String CORS_ORIGINS = "MODELGATE_CORS_ORIGINS";
  public static final String MAX_BODY_BYTES = "MODELGATE_MAX_BODY_BYTES";
  public static final String ADMIN_KEY = "MODELGATE_ADMIN_KEY";
  public static final String HEALTH_INTERVAL_SECONDS = "MODELGATE_HEALTH_INTERVAL_SECONDS";
  public static final String SSE_KEEPALIVE_SECONDS = "MODELGATE_SSE_KEEPALIVE_SECONDS";
  public static final String DRAIN_SECONDS = "MODELGATE_DRAIN_SECONDS";
  public static final String RESPONSES_RETENTION_DAYS = "MODELGATE_RESPONSES_RETENTION_DAYS";
  public static final String MANAGEMENT_PORT = "MODELGATE_MANAGEMENT_PORT";
  public static final String LOG_FORMAT = "MODELGATE_LOG_FORMAT";
  public static final String ALERT_WEBHOOK = "MODELGATE_ALERT_WEBHOOK";
  public static final String MAX_ATTEMPTS = "MODELGATE_MAX_ATTEMPTS";
  public static final String FIRST_BYTE_TIMEOUT_SECONDS = "MODELGATE_FIRST_BYTE_TIMEOUT_SECONDS";
  public static final String IDLE_TIMEOUT_SECONDS = "MODELGATE_IDLE_TIMEOUT_SECONDS";
  public static final String REQUEST_TIMEOUT_SECONDS = "MODELGATE_REQUEST_TIMEOUT_SECONDS";
  public static final String RETRY_AFTER_MAX_WAIT_SECONDS = "MODELGATE_RETRY_AFTER_MAX_WAIT_SECONDS";
  public static final String BREAKER_FAILURES = "MODELGATE_BREAKER_FAILURES";
  public static final String BREAKER_COOLDOWN_SECONDS = "MODELGATE_BREAKER_COOLDOWN_SECONDS";
  /** The name of the master keyset file in the data directory. */
  public static final String KEYSET_FILE = "master-keyset.json";

  public Configuration {
    Objects.requireNonNull(home, "'home' must not be null");
    Objects.requireNonNull(databaseUrl, "'databaseUrl' must not be null");
    Objects.requireNonNull(file, "'file' must not be null");
    Objects.requireNonNull(http, "'http' must not be null");
    Objects.requireNonNull(outbound, "'outbound' must not be null");
    Objects.requireNonNull(failover, "'failover' must not be null");
  }

  /** The keyset file in the data directory, used when no {@link #masterKey} is given (created on first start). */
  public Path keysetFile() {
    return home.resolve(KEYSET_FILE);
  }

  /**
   * Reads and checks every setting.
   *
   * @throws IllegalArgumentException naming each variable, or the file and field, that is wrong
   */
  public static Configuration load(Map<String, String> env) {
    Reader r = new Reader(env);
    Path home = dataDirectory(env);
    String db = r.text(DB_URL);
    String databaseUrl = db != null ? db
        : "jdbc:h2:file:" + home.resolve("modelgate").toAbsolutePath() + ";AUTO_SERVER=TRUE;CACHE_SIZE="
            + H2_CACHE_KB;
    String masterKey = r.text(MASTER_KEY);
    ConfigFile file = r.check(CONFIG, () -> ConfigFile.find(r.text(CONFIG), home).map(ConfigFile::read)
        .orElse(ConfigFile.NONE), ConfigFile.NONE);
    String model = r.text(DEFAULT_MODEL);
    String modelVariable = DEFAULT_MODEL;
    if (model == null) {
      model = r.text(DEFAULT_MODEL_ALIAS);
      modelVariable = DEFAULT_MODEL_ALIAS;
    }
    ModelId defaultModel = model == null ? file.defaultModel() : r.parse(modelVariable, ModelId::parse);
    URI redis = r.parse(REDIS_URL, Configuration::redisUrl);
    List<String> origins = Arrays.stream(env.getOrDefault(CORS_ORIGINS, "").split(",")).map(String::strip)
        .filter(s -> !s.isEmpty()).map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s).toList();
    String host = env.getOrDefault(HOST, "").strip();
    int port = r.number(PORT, 8080, 0, 65_535, "a port number (0 picks a free one)").intValue();
    long maxBody = r.number(MAX_BODY_BYTES, HttpSettings.DEFAULT_MAX_BODY_BYTES, 1, Long.MAX_VALUE,
        "a positive number of bytes");
    String admin = r.text(ADMIN_KEY);
    long health = r.number(HEALTH_INTERVAL_SECONDS, 60, 0, Long.MAX_VALUE, "a number of seconds (0 for never)");
    long keepAlive = r.number(SSE_KEEPALIVE_SECONDS, 15, 1, Long.MAX_VALUE, "a positive number of seconds");
    long drain = r.number(DRAIN_SECONDS, 30, 0, Long.MAX_VALUE, "a number of seconds (0 ends calls in flight at once)");
    OutboundPolicy outbound = r.check("MODELGATE_ALLOWED_PRIVATE_NETWORKS", () -> new OutboundPolicy(env),
        new OutboundPolicy(Map.of()));
    long retention = r.number(RESPONSES_RETENTION_DAYS, HttpSettings.DEFAULT_RESPONSES_RETENTION.toDays(), 1,
        36_500, "a positive number of days");
    FailoverSettings failover = failover(r);
    OperationsSettings operations = operations(r, port);
    r.failIfWrong();
    return new Configuration(home, databaseUrl, masterKey == null ? null : Secret.of(masterKey), file,
        defaultModel, redis, new HttpSettings(host, port, origins, maxBody, admin == null ? null : Secret.of(admin),
            Duration.ofSeconds(health), Duration.ofSeconds(keepAlive), Duration.ofSeconds(drain),
            Duration.ofDays(retention)), outbound, failover, operations);
  }

  private static OperationsSettings operations(Reader r, int port) {
    Integer management = r.text(MANAGEMENT_PORT) == null ? null
        : r.number(MANAGEMENT_PORT, 0, 0, 65_535, "a port number (0 picks a free one)").intValue();
    if (management != null && management != 0 && management == port) {
      r.problem(MANAGEMENT_PORT + " must differ from " + PORT + " (" + port + "): /metrics moves to a listener "
          + "of its own");
      management = null;
    }
    OperationsSettings.LogFormat format = r.parse(LOG_FORMAT, OperationsSettings.LogFormat::parse);
    URI webhook = r.parse(ALERT_WEBHOOK, Configuration::webhookUrl);
    return new OperationsSettings(management, format == null ? OperationsSettings.LogFormat.TEXT : format, webhook);
  }

  /** The webhook's URL; an error never repeats it (its path may hold a token). */
  private static URI webhookUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a URL", e);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("must be an http or https URL, like https://alerts.example/hooks/modelgate");
    }
    return uri;
  }

  private static FailoverSettings failover(Reader r) {
    FailoverSettings d = FailoverSettings.DEFAULTS;
    String positive = "a positive number of seconds";
    FailoverSettings.Builder b = d.newBuilder()
        .maxAttempts(r.number(MAX_ATTEMPTS, d.maxAttempts(), 1, 20, "a number of attempts from 1 to 20").intValue())
        .firstByteTimeout(r.seconds(FIRST_BYTE_TIMEOUT_SECONDS, d.firstByteTimeout(), 1, positive))
        .idleTimeout(r.seconds(IDLE_TIMEOUT_SECONDS, d.idleTimeout(), 1, positive))
        .requestTimeout(r.seconds(REQUEST_TIMEOUT_SECONDS, d.requestTimeout(), 1, positive))
        .maxRetryAfterWait(r.seconds(RETRY_AFTER_MAX_WAIT_SECONDS, d.maxRetryAfterWait(), 0,
            "a number of seconds (0 never waits)"))
        .breakerFailures(r.number(BREAKER_FAILURES, d.breakerFailures(), 1, 1_000_000,
            "a positive number of failures").intValue())
        .breakerCooldown(r.seconds(BREAKER_COOLDOWN_SECONDS, d.breakerCooldown(), 1, positive));
    return r.check(MAX_ATTEMPTS, b::build, d);
  }

  /** {@value #HOME}; else {@code $XDG_DATA_HOME/modelgate}; else {@code ~/.local/share/modelgate}. */
  static Path dataDirectory(Map<String, String> env) {
    String home = env.get(HOME);
    if (home != null && !home.isBlank()) {
      return Path.of(home.strip());
    }
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "modelgate");
    }
    String userHome = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(userHome, ".local", "share", "modelgate");
  }

  private static URI redisUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("is not a URL: " + e.getMessage(), e);
    }
    if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("must look like redis://host:6379/0 (or rediss:// for TLS)");
    }
    return uri;
  }

  /** Reads variables, gathering every problem so that one start reports them all. */
  private static final class Reader {
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    Reader(Map<String, String> env) {
      this.env = env;
    }

    /** The stripped value, or null when unset or blank. */
    @Nullable String text(String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? null : value.strip();
    }

    <T> @Nullable T parse(String name, Function<String, T> parser) {
      String value = text(name);
      if (value == null) {
        return null;
      }
      try {
        return parser.apply(value);
      } catch (IllegalArgumentException e) {
        problems.add(name + ": " + e.getMessage());
        return null;
      }
    }

    Long number(String name, long fallback, long min, long max, String what) {
      String value = text(name);
      if (value == null) {
        return fallback;
      }
      try {
        long n = Long.parseLong(value);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problems.add(name + " must be " + what + ", was '" + value + "'");
      return fallback;
    }

    Duration seconds(String name, Duration fallback, long min, String what) {
      return Duration.ofSeconds(number(name, fallback.toSeconds(), min, Long.MAX_VALUE / 1_000_000_000L, what));
    }

    <T> T check(String name, java.util.function.Supplier<T> read, T fallback) {
      try {
        return read.get();
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
        return fallback;
      }
    }

    void problem(String text) {
      problems.add(text);
    }

    void failIfWrong() {
      if (problems.size() == 1) {
        throw new IllegalArgumentException(problems.getFirst());
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException("the configuration is wrong in " + problems.size() + " places:\n  "
            + String.join("\n  ", problems));
      }
    }
  }
}
