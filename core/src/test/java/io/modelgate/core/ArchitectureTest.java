package io.modelgate.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Core is pure domain: the build fails if it reaches for an adapter's library. */
class ArchitectureTest {
  private final JavaClasses core = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.modelgate.core");

  @Test
  void coreImportsNoAdapterLibrary() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
        "okhttp3..", "okio..", "com.squareup.moshi..", "org.jdbi..", "io.helidon..", "dagger..", "java.sql..",
        "picocli..", "com.google.crypto..", "io.opentelemetry..")
        .because("core is pure domain; adapters live in their own modules")
        .check(core);
  }

  @Test
  void coreImportsNoOtherModelgateModule() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
        "io.modelgate.provider..", "io.modelgate.persistence..", "io.modelgate.adapter..")
        .check(core);
  }
}
