package org.realname.gateway.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URL;
import java.net.URLClassLoader;
import java.security.InvalidAlgorithmParameterException;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.util.Arrays;

import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class GmProviderTest {

    @Test
    void registersBouncyCastleOnceAndReturnsAnInstanceOfThisClassLoader() {
        Provider first = GmProvider.provider();
        Provider second = GmProvider.provider();

        assertSame(first, second);
        assertSame(BouncyCastleProvider.class, first.getClass());
        assertEquals(1, Arrays.stream(Security.getProviders()).filter(p -> p.getName().equals("BC")).count());
        Provider registered = Security.getProvider(GmProvider.NAME);
        if (registered.getClass() == BouncyCastleProvider.class) {
            // Alone in this JVM (or first): the registered instance itself is used.
            assertSame(registered, first);
        }
    }

    @Test
    void registeredProviderOfThisClassLoader_isReused() {
        Provider ours = new BouncyCastleProvider();
        assertSame(ours, GmProvider.usable(ours));
    }

    /**
     * What a {@code @QuarkusTest} earlier in the same JVM, or a dev-mode reload, leaves behind:
     * "BC" registered from another class loader. Its SM2 signature refuses our SM2ParameterSpec,
     * so GmProvider must not use it.
     */
    @Test
    void registeredProviderOfAnotherClassLoader_isReplacedByOurOwn() throws Exception {
        URL bcJar = BouncyCastleProvider.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader other = new URLClassLoader(new URL[] {bcJar}, ClassLoader.getPlatformClassLoader())) {
            Provider foreign = (Provider) other.loadClass(BouncyCastleProvider.class.getName())
                    .getDeclaredConstructor().newInstance();
            Signature foreignSm2 = Signature.getInstance("SM3withSM2", foreign);
            assertThrows(InvalidAlgorithmParameterException.class,
                    () -> foreignSm2.setParameter(new SM2ParameterSpec(new byte[16])));

            Provider usable = GmProvider.usable(foreign);

            assertNotSame(foreign, usable);
            assertSame(BouncyCastleProvider.class, usable.getClass());
            assertDoesNotThrow(() -> Signature.getInstance("SM3withSM2", usable).setParameter(new SM2ParameterSpec(new byte[16])));
        }
    }

    @Test
    void createdObjectsComeFromBouncyCastle() throws Exception {
        assertEquals(GmProvider.NAME, GmProvider.cipher("SM4/GCM/NoPadding").getProvider().getName());
        assertEquals(GmProvider.NAME, GmProvider.messageDigest("SM3").getProvider().getName());
        assertEquals(GmProvider.NAME, GmProvider.mac("HMACSM3").getProvider().getName());
        assertEquals(GmProvider.NAME, GmProvider.keyStore("BCFKS").getProvider().getName());
    }
}
