package org.realname.gateway.bench;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.realname.gateway.crypto.HmacSm3;
import org.realname.gateway.crypto.SecretBytes;
import org.realname.gateway.crypto.Sm2KeyPairs;
import org.realname.gateway.crypto.Sm2Signer;
import org.realname.gateway.crypto.Sm2Verifier;
import org.realname.gateway.crypto.Sm4GcmAead;

/**
 * The gateway's GM primitives against the JDK's international counterparts, single-threaded
 * throughput in operations per second. Not a test (run by hand, see docs/benchmarks.md): the
 * annotation processor generates the JMH harness classes during {@code test-compile}.
 *
 * <p>Each side does the same work per operation: the AES side also draws a fresh random nonce,
 * as {@link Sm4GcmAead} does, and both sign or verify a 64-byte message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class CryptoBenchmark {

    /** Record size for the AEAD benchmarks: MB/s = ops/s × 1024 / 10^6. */
    static final int RECORD_SIZE = 1024;
    private static final int MESSAGE_SIZE = 64;
    private static final byte[] AAD = "verification_session:id_number:7f3a9c0e".getBytes();

    private final SecureRandom random = new SecureRandom();
    private final byte[] record = new byte[RECORD_SIZE];
    private final byte[] message = new byte[MESSAGE_SIZE];

    private Sm4GcmAead sm4Gcm;
    private SecretKey aesKey;

    private Sm2Signer sm2Signer;
    private Sm2Verifier sm2Verifier;
    private byte[] sm2Signature;

    private KeyPair ecdsaKeys;
    private byte[] ecdsaSignature;

    private HmacSm3 hmacSm3;

    @Setup
    public void setUp() throws GeneralSecurityException {
        random.nextBytes(record);
        random.nextBytes(message);

        sm4Gcm = new Sm4GcmAead(SecretBytes.randomBytes(Sm4GcmAead.KEY_SIZE));
        KeyGenerator aes = KeyGenerator.getInstance("AES", "SunJCE");
        aes.init(256);
        aesKey = aes.generateKey();

        KeyPair sm2Keys = Sm2KeyPairs.generate();
        sm2Signer = new Sm2Signer(sm2Keys.getPrivate());
        sm2Verifier = new Sm2Verifier(sm2Keys.getPublic());
        sm2Signature = sm2Signer.sign(message);

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", "SunEC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        ecdsaKeys = ec.generateKeyPair();
        Signature ecdsa = ecdsaSigner();
        ecdsa.update(message);
        ecdsaSignature = ecdsa.sign();

        hmacSm3 = new HmacSm3(SecretBytes.randomBytes(32));
    }

    @Benchmark
    public byte[] sm4GcmEncrypt1KiB() throws GeneralSecurityException {
        return sm4Gcm.encrypt(record, AAD);
    }

    @Benchmark
    public byte[] aes256GcmEncrypt1KiB() throws GeneralSecurityException {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
        cipher.init(Cipher.ENCRYPT_MODE, aesKey, new GCMParameterSpec(128, nonce));
        cipher.updateAAD(AAD);
        return cipher.doFinal(record);
    }

    @Benchmark
    public byte[] sm2Sign() throws GeneralSecurityException {
        return sm2Signer.sign(message);
    }

    @Benchmark
    public boolean sm2Verify() throws GeneralSecurityException {
        sm2Verifier.verify(sm2Signature, message);
        return true;
    }

    @Benchmark
    public byte[] ecdsaP256Sign() throws GeneralSecurityException {
        Signature signature = ecdsaSigner();
        signature.update(message);
        return signature.sign();
    }

    @Benchmark
    public boolean ecdsaP256Verify() throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withECDSA", "SunEC");
        signature.initVerify(ecdsaKeys.getPublic());
        signature.update(message);
        return signature.verify(ecdsaSignature);
    }

    @Benchmark
    public byte[] hmacSm3Of64Bytes() throws GeneralSecurityException {
        return hmacSm3.computeMac(message);
    }

    private Signature ecdsaSigner() throws GeneralSecurityException {
        // A new Signature per call, as Sm2Signer does, so both sides pay the same set-up.
        Signature signature = Signature.getInstance("SHA256withECDSA", "SunEC");
        signature.initSign(ecdsaKeys.getPrivate());
        return signature;
    }

    /** Runs every benchmark here with the annotated settings; JMH options on the command line override them. */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(CryptoBenchmark.class.getName())
                .build()).run();
    }
}
