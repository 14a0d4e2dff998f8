package org.realname.gateway.retention;

import io.quarkus.test.junit.QuarkusTest;

/** Retention on the embedded default's database, H2. */
@QuarkusTest
class H2RetentionTest extends RetentionContract {
}
