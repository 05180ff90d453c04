package io.modelgate.core.provider;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Qualifies the map of environment variables the process was configured with. */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface EnvironmentVariables {}
