package org.realname.gateway.attack;

import io.quarkus.test.junit.QuarkusTest;

/** The database-backed attacks on the embedded default's database, H2. */
@QuarkusTest
class H2AttackTest extends AttackContract {
}
