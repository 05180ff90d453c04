package io.modelgate.adapter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.modelgate.core.usage.UsageQuery;
import io.modelgate.core.usage.UsageRecord;
import io.modelgate.app.Configuration;
import io.modelgate.app.DatabaseStoreModule;
import io.modelgate.persistence.JdbiStores;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `usage report` prints is what the usage log holds, summed here from its records. */
class UsageReportAgreesWithLogTest {
  @TempDir
  Path home;

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> array(String json) throws IOException {
    return (List<Map<String, Object>>) new Moshi.Builder().build()
        .adapter(Types.newParameterizedType(List.class, Object.class)).fromJson(json);
  }

  @Test
  void reportTotalsEqualTheSumsOfTheUsageRecords() throws IOException {
    Map<String, String> env = Map.of("MODELGATE_HOME", home.toString());
    for (String prompt : List.of("one", "two words", "and three words here")) {
      assertThat(CliRun.run(env, "", "chat", "-m", "demo:echo", prompt).exit()).isZero();
    }
    assertThat(CliRun.run(env, "", "chat", "-m", "demo:echo", "--json", "four").exit()).isZero();
    List<Map<String, Object>> report = array(CliRun.run(env, "", "usage", "report", "--by", "model", "--json").out());

    List<UsageRecord> records;
    try (JdbiStores stores = DatabaseStoreModule.stores(Configuration.load(env))) {
      records = stores.usage().find(UsageQuery.ALL);
    }
    Map<String, List<UsageRecord>> byModel = records.stream()
        .collect(Collectors.groupingBy(r -> r.servedModel() == null ? "" : r.servedModel()));
    assertThat(byModel.get("demo:echo")).hasSize(4);
    assertThat(report).extracting(t -> t.get("key")).containsExactlyInAnyOrderElementsOf(byModel.keySet());
    for (Map<String, Object> total : report) {
      List<UsageRecord> group = byModel.get((String) total.get("key"));
      assertThat(((Number) total.get("requests")).longValue()).isEqualTo(group.size());
      assertThat(((Number) total.get("prompt_tokens")).longValue())
          .isEqualTo(group.stream().mapToLong(r -> r.usage().promptTokens()).sum());
      assertThat(((Number) total.get("completion_tokens")).longValue())
          .isEqualTo(group.stream().mapToLong(r -> r.usage().completionTokens()).sum());
      assertThat(new BigDecimal(total.get("cost_usd").toString()))
          .isEqualByComparingTo(group.stream().map(UsageRecord::costUsd).reduce(BigDecimal.ZERO, BigDecimal::add));
    }
  }
}
