package org.furnacewatch.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;

import java.util.function.Function;

/**
 * The HTTP side of the service, deployed once per event loop (one instance per core): each instance builds its
 * own router over the shared parts and listens on the same port; Vert.x spreads the connections over the
 * instances. Start-up is one chain (routes, then listen); stop finishes in-flight requests ({@code shutdown}).
 */
public final class HttpVerticle extends VerticleBase {
    private final Function<Vertx, ApiServer> routes;
    private final int port;
    private ApiServer api;

    public HttpVerticle(Function<Vertx, ApiServer> routes, int port) {
        this.routes = routes;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        return Future.<ApiServer>future(p -> p.complete(routes.apply(vertx))).compose(a -> {
            api = a;
            return a.listen(port);
        });
    }

    @Override
    public Future<?> stop() {
        return api == null ? Future.succeededFuture() : api.close();
    }

    /** The port this instance listens on (the actual one when 0 was asked for). */
    public int port() {
        return api.port();
    }
}
