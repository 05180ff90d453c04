package io.modelgate.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modelgate.core.model.ModelCategory;
import io.modelgate.core.model.ModelId;
import io.modelgate.core.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbiStoresTest {
  @TempDir
  Path home;

  @Test
  void anH2FileKeepsStateAcrossRunsWithAnOwnerOnlyKeysetFile() throws Exception {
    Path keyset = home.resolve("master-keyset.json");
    String url = "jdbc:h2:file:" + home.resolve("modelgate").toAbsolutePath() + ";AUTO_SERVER=TRUE";
    try (JdbiStores first = JdbiStores.builder(url).keysetFile(keyset).open()) {
      first.settings().setGlobalDefault(ModelCategory.TEXT, ModelId.parse("openai:gpt-4o"));
      first.credentials().put("anna", "openai", Secret.of("sk-test-0000000000000000000001"));
      assertThat(first.ping()).isTrue();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset))).isEqualTo("rw-------");

    try (JdbiStores second = JdbiStores.builder(url).keysetFile(keyset).open()) {
      assertThat(second.settings().globalDefault(ModelCategory.TEXT)).contains(ModelId.parse("openai:gpt-4o"));
      assertThat(second.credentials().get("anna", "openai"))
          .contains(Secret.of("sk-test-0000000000000000000001"));
    }
  }

  @Test
  void masterKeyMayBeJsonOrBase64OfJson() {
    String json = CredentialCipher.newKeysetJson();
    String base64 = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    String url = "jdbc:h2:mem:envkey;DB_CLOSE_DELAY=0";
    try (JdbiStores stores = JdbiStores.builder(url).masterKey(base64).open()) {
      stores.credentials().put("anna", "openai", Secret.of("sk-test-0000000000000000000002"));
      CredentialCipher fromBase64 = CredentialCipher.fromText(base64);
      assertThat(fromBase64.primaryKeyId()).isEqualTo(CredentialCipher.fromText(json).primaryKeyId());
    }
    assertThat(home.resolve("master-keyset.json")).doesNotExist();
  }

  @Test
  void badMasterKeyAndUnknownDatabaseAreRejectedClearly() {
    assertThatThrownBy(() -> JdbiStores.builder("jdbc:h2:mem:x").masterKey("not a keyset!").open())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Tink JSON keyset");
    assertThatThrownBy(() -> JdbiStores.builder("jdbc:mysql://u:pw@db/x").masterKey(CredentialCipher.newKeysetJson())
        .open())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:h2:")
        .hasMessageNotContaining("pw");
    assertThatThrownBy(() -> JdbiStores.builder("jdbc:h2:mem:x").open())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("master key");
  }

  @Test
  void pingIsFalseOnceClosed() {
    JdbiStores stores = JdbiStores.builder("jdbc:h2:mem:ping").masterKey(CredentialCipher.newKeysetJson()).open();
    assertThat(stores.ping()).isTrue();
    stores.close();
    assertThat(stores.ping()).isFalse();
  }
}
