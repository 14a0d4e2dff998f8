package org.realname.gateway.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.security.Provider;
import java.security.Security;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class GmProviderTest {

    @Test
    void registersBouncyCastleOnceAndReturnsTheRegisteredInstance() {
        Provider first = GmProvider.provider();
        Provider second = GmProvider.provider();

        assertSame(first, second);
        assertSame(Security.getProvider(GmProvider.NAME), first);
        assertEquals(1, Arrays.stream(Security.getProviders()).filter(p -> p.getName().equals("BC")).count());
    }

    @Test
    void createdObjectsComeFromBouncyCastle() throws Exception {
        assertEquals(GmProvider.NAME, GmProvider.cipher("SM4/GCM/NoPadding").getProvider().getName());
        assertEquals(GmProvider.NAME, GmProvider.messageDigest("SM3").getProvider().getName());
        assertEquals(GmProvider.NAME, GmProvider.mac("HMACSM3").getProvider().getName());
        assertEquals(GmProvider.NAME, GmProvider.keyStore("BCFKS").getProvider().getName());
    }
}
