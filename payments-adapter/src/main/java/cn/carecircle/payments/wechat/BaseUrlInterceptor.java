package cn.carecircle.payments.wechat;

import java.io.IOException;
import java.net.URI;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends every SDK request to the configured base URL. The SDK hard-codes
 * {@code https://api.mch.weixin.qq.com}; this rewrites scheme, host and port and keeps path and query.
 * It is an application interceptor, so it runs before the connection is chosen.
 */
final class BaseUrlInterceptor implements Interceptor {

    private final String scheme;
    private final String host;
    private final int port;

    BaseUrlInterceptor(URI baseUrl) {
        HttpUrl url = HttpUrl.get(baseUrl.toString());
        this.scheme = url.scheme();
        this.host = url.host();
        this.port = url.port();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        HttpUrl rewritten =
                request.url().newBuilder().scheme(scheme).host(host).port(port).build();
        return chain.proceed(request.newBuilder().url(rewritten).build());
    }
}
