package org.realname.gateway.consent;

import io.quarkus.test.junit.QuarkusTest;

/** Consent and minors on the embedded default's database, H2. */
@QuarkusTest
class H2ConsentAndMinorsTest extends ConsentAndMinorsContract {
}
