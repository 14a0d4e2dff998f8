package org.realname.gateway.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.realname.gateway.provider.alipay.AlipaySignatures;
import org.realname.gateway.provider.alipay.PemKeys;
import org.realname.gateway.provider.alipay.SignType;

/**
 * Provider-link signatures through the real code path ({@link AlipaySignatures#sign} and
 * {@link AlipaySignatures#verify}: engine lookup, parameters, UTF-8, base64) for {@code RSA2}
 * (2048-bit) and {@code SM2}, over a representative ~300-byte string to sign. Not a test: the
 * name keeps Surefire away; run {@link #main} (see docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ProviderSignatureBenchmark {

    @Param({"RSA2", "SM2"})
    public SignType signType;

    private PrivateKey privateKey;
    private PublicKey publicKey;
    private String content;
    private String signature;

    @Setup
    public void setUp() {
        KeyPair pair = PemKeys.generate(signType);
        privateKey = pair.getPrivate();
        publicKey = pair.getPublic();
        content = representativeStringToSign(signType);
        signature = AlipaySignatures.sign(signType, privateKey, content);
        // A benchmark of a verify that always fails would measure the wrong thing.
        if (!AlipaySignatures.verify(signType, publicKey, content, signature)) {
            throw new IllegalStateException("setup signature does not verify");
        }
    }

    @Benchmark
    public String sign() {
        return AlipaySignatures.sign(signType, privateKey, content);
    }

    @Benchmark
    public boolean verify() {
        return AlipaySignatures.verify(signType, publicKey, content, signature);
    }

    /** A {@code query} call's string to sign as the client builds it; about 300 bytes of UTF-8. */
    static String representativeStringToSign(SignType type) {
        Map<String, String> p = new TreeMap<>();
        p.put("app_id", "2021000000000001");
        p.put("method", "alipay.user.certify.open.initialize");
        p.put("format", "json");
        p.put("charset", "UTF-8");
        p.put("sign_type", type.name());
        p.put("timestamp", "2026-11-23 18:00:00");
        p.put("version", "1.0");
        p.put("biz_content", "{\"outer_order_no\":\"5f0c1e9a2b7d4c3e8a6f1b2c3d4e5f60\",\"biz_code\":\"FACE\","
                + "\"merchant_config\":{\"return_url\":\"https://verify.example.com/v1/return/5f0c1e9a\"}}");
        return AlipaySignatures.stringToSign(p);
    }

    /**
     * Runs the benchmarks twice: throughput in ops/s, then average time in µs/op, so that each
     * figure comes with JMH's own error rather than one derived from the other.
     */
    public static void main(String[] args) throws RunnerException {
        System.out.println("string to sign: "
                + representativeStringToSign(SignType.SM2).getBytes(StandardCharsets.UTF_8).length + " bytes");
        String include = ProviderSignatureBenchmark.class.getName() + "\\.";
        new Runner(new OptionsBuilder().include(include).mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS).build()).run();
        new Runner(new OptionsBuilder().include(include).mode(Mode.AverageTime).timeUnit(TimeUnit.MICROSECONDS).build()).run();
    }
}
