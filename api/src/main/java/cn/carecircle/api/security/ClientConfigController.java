package cn.carecircle.api.security;

import cn.carecircle.api.contract.PublicApi;
import cn.carecircle.api.contract.model.ClientConfigDto;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The Firebase project the sign-in pages use; the web API key is public by design. */
@RestController
@RequestMapping("/api/v1")
class ClientConfigController implements PublicApi {

    private final FirebaseProperties firebase;

    ClientConfigController(FirebaseProperties firebase) {
        this.firebase = firebase;
    }

    @Override
    public Mono<ResponseEntity<ClientConfigDto>> getClientConfig(ServerWebExchange exchange) {
        ClientConfigDto dto = new ClientConfigDto(firebase.projectId(), firebase.apiKey());
        if (firebase.emulator()) {
            dto.setAuthEmulatorUrl("http://" + firebase.authEmulatorHost());
        }
        return Mono.just(ResponseEntity.ok(dto));
    }
}
