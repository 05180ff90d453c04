/** Test support shared by the provider modules: the conformance suite and the fixture reader. */
package io.modelgate.provider.testkit;
