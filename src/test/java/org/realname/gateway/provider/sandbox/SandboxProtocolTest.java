package org.realname.gateway.provider.sandbox;

import io.quarkus.test.junit.QuarkusTest;

/** The client–sandbox protocol with the embedded default's sign type, RSA2. */
@QuarkusTest
class SandboxProtocolTest extends SandboxProtocolContract {
}
