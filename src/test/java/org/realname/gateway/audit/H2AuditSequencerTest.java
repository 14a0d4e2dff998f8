package org.realname.gateway.audit;

import io.quarkus.test.junit.QuarkusTest;

/** The audit queue and sequencer on the embedded default's database, H2. */
@QuarkusTest
class H2AuditSequencerTest extends AuditSequencerContract {
}
