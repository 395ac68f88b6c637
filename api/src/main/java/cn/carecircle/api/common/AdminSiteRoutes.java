package cn.carecircle.api.common;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The admin site (admin-web, packaged under {@code META-INF/resources/admin}) is a single-page app: {@code /admin},
 * {@code /admin/} and any deeper path that does not name a file answer its {@code index.html}, so that deep links and
 * reloads work. Files themselves are served by the static resource handler.
 */
@Configuration(proxyBeanMethods = false)
class AdminSiteRoutes {

    /** A client-side route: its last segment has no file extension, so it is not one of the site's files. */
    static boolean isPageRoute(ServerRequest request) {
        String path = request.path();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }

    @Bean
    RouterFunction<ServerResponse> adminSite(@Value("classpath:/META-INF/resources/admin/index.html") Resource index) {
        return RouterFunctions.route(
                GET("/admin").or(GET("/admin/")).or(GET("/admin/**").and(AdminSiteRoutes::isPageRoute)),
                request -> index.exists()
                        ? ServerResponse.ok()
                                .contentType(MediaType.TEXT_HTML)
                                .cacheControl(CacheControl.noCache())
                                .bodyValue(index)
                        : ServerResponse.notFound().build());
    }
}
