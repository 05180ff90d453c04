package io.modelgate.adapter.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Layer rules that need both adapters in view (this module sees the CLI and, through {@code serve}, the HTTP
 * service): only {@code app} wires storage, so the adapters reach the stores through core's ports.
 */
class ArchitectureTest {
  private final JavaClasses main = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.modelgate");

  @Test
  void onlyAppDependsOnPersistence() {
    noClasses().that().resideOutsideOfPackages("io.modelgate.app..", "io.modelgate.persistence..")
        // Dagger's generated components hold what the app's modules provide; they are wiring, not code of ours.
        .and().haveNameNotMatching(".*\\.Dagger\\w+(\\$.*)?")
        .should().dependOnClassesThat().resideInAPackage("io.modelgate.persistence..")
        .because("only app knows persistence-jdbi; adapters use core's store ports and app's Database")
        .check(main);
  }

  @Test
  void bothAdaptersAreInView() {
    org.assertj.core.api.Assertions.assertThat(main.containPackage("io.modelgate.adapter.http")).isTrue();
    org.assertj.core.api.Assertions.assertThat(main.containPackage("io.modelgate.adapter.cli")).isTrue();
    org.assertj.core.api.Assertions.assertThat(main.containPackage("io.modelgate.persistence")).isTrue();
  }
}
