package cn.carecircle.payments.wechat;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Remembers the HTTP status and {@code Request-ID} of the last response on the calling thread. The
 * SDK's exceptions do not carry the request id, and a non-JSON error body loses the status too; OkHttp
 * runs application interceptors of a synchronous call on the caller's thread, so the adapter can read
 * them back in the same callable that made the call.
 */
final class ResponseFacts implements Interceptor {

    record Facts(int status, String requestId) {
        static final Facts NONE = new Facts(0, null);
    }

    private static final ThreadLocal<Facts> LAST = ThreadLocal.withInitial(() -> Facts.NONE);

    static void reset() {
        LAST.set(Facts.NONE);
    }

    static Facts last() {
        return LAST.get();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        LAST.set(new Facts(response.code(), response.header("Request-ID")));
        return response;
    }
}
