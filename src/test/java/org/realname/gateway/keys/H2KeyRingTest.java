package org.realname.gateway.keys;

import io.quarkus.test.junit.QuarkusTest;

/** The key ring on the embedded default's database, H2. */
@QuarkusTest
class H2KeyRingTest extends KeyRingContract {
}
