package org.realname.gateway.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Arrays;

import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class GmProviderTest {

    @Test
    void registersBouncyCastleOnce_andAlwaysAnswersThisClassLoadersInstance() {
        Provider first = GmProvider.provider();
        Provider second = GmProvider.provider();

        assertSame(first, second);
        assertSame(BouncyCastleProvider.class, first.getClass(), "BC-specific parameters built here must fit it");
        Provider registered = Security.getProvider(GmProvider.NAME);
        if (registered.getClass() == BouncyCastleProvider.class) {
            assertSame(registered, first, "the registered instance is reused when it is ours");
        }
        assertEquals(1, Arrays.stream(Security.getProviders()).filter(p -> p.getName().equals("BC")).count());
    }

    @Test
    void bcSpecificParameters_areAccepted_whoeverRegisteredBc() throws Exception {
        // Fails with "only SM2ParameterSpec supported" if the provider came from another class loader.
        Signature signature = GmProvider.signature("SM3withSM2");
        signature.setParameter(new SM2ParameterSpec("1234567812345678".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(GmProvider.NAME, signature.getProvider().getName());
    }

    @Test
    void createdObjectsComeFromBouncyCastle() throws Exception {
        assertEquals(GmProvider.NAME, GmProvider.cipher("SM4/GCM/NoPadding").getProvider().getName());
        assertEquals(GmProvider.NAME, GmProvider.messageDigest("SM3").getProvider().getName());
        assertEquals(GmProvider.NAME, GmProvider.mac("HMACSM3").getProvider().getName());
        assertEquals(GmProvider.NAME, GmProvider.keyStore("BCFKS").getProvider().getName());
        assertEquals(GmProvider.NAME, GmProvider.keyFactory("EC").getProvider().getName());
        assertEquals(GmProvider.NAME, GmProvider.keyPairGenerator("EC").getProvider().getName());
        assertEquals(GmProvider.NAME, GmProvider.algorithmParameters("EC").getProvider().getName());
    }
}
