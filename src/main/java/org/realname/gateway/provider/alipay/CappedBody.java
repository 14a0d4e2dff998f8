package org.realname.gateway.provider.alipay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a cap. Past the cap the download is cancelled and the
 * body completes with {@link TooLarge}: a provider answer is a few hundred bytes, and one that
 * never ends (or a proxy's endless page) must not fill the heap. Not thread-safe beyond what
 * {@link Flow.Subscriber} promises (signals arrive one at a time).
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The answer was longer than the cap; the message names only the cap. */
    static final class TooLarge extends IOException {
        TooLarge(int cap) {
            super("The answer exceeded " + cap + " bytes");
        }
    }

    private final int cap;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private CappedBody(int cap) {
        this.cap = cap;
    }

    /** A handler that refuses an announced length over the cap at once, and counts the rest. */
    static HttpResponse.BodyHandler<byte[]> handler(int cap) {
        return info -> {
            CappedBody subscriber = new CappedBody(cap);
            if (info.headers().firstValueAsLong("Content-Length").orElse(0) > cap) {
                subscriber.body.completeExceptionally(new TooLarge(cap));
            }
            return subscriber;
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (body.isDone()) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return; // cancelled; buffers already in flight are dropped
        }
        for (ByteBuffer b : buffers) {
            if (received.size() + (long) b.remaining() > cap) {
                subscription.cancel();
                body.completeExceptionally(new TooLarge(cap));
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            received.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable t) {
        body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        body.complete(received.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }
}
