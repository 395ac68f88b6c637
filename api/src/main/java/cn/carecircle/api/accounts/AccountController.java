package cn.carecircle.api.accounts;

import cn.carecircle.api.common.Role;
import cn.carecircle.api.community.CommunityMapper;
import cn.carecircle.api.contract.AccountsApi;
import cn.carecircle.api.contract.StaffApi;
import cn.carecircle.api.contract.model.CreateStaffRequestDto;
import cn.carecircle.api.contract.model.MeDto;
import cn.carecircle.api.contract.model.RegisterFamilyMemberRequestDto;
import cn.carecircle.api.contract.model.RoleDto;
import cn.carecircle.api.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1")
class AccountController implements AccountsApi, StaffApi {

    private final AccountService service;
    private final CommunityMapper communities;

    AccountController(AccountService service, CommunityMapper communities) {
        this.service = service;
        this.communities = communities;
    }

    @Override
    public Mono<ResponseEntity<MeDto>> getMe(ServerWebExchange exchange) {
        return Mono.defer(() -> service.me(Caller.of(exchange))).map(me -> ResponseEntity.ok(toDto(me)));
    }

    @Override
    public Mono<ResponseEntity<MeDto>> registerFamilyMember(
            Mono<RegisterFamilyMemberRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> service.registerFamilyMember(caller, r.getDisplayName(), r.getPhone()))
                .map(me -> ResponseEntity.status(HttpStatus.CREATED).body(toDto(me)));
    }

    @Override
    public Mono<ResponseEntity<MeDto>> createStaffAccount(
            Mono<CreateStaffRequestDto> body, ServerWebExchange exchange) {
        Caller caller = Caller.of(exchange);
        return body.flatMap(r -> service.createStaff(
                        caller,
                        r.getUid(),
                        r.getDisplayName(),
                        Role.valueOf(r.getRole().getValue()),
                        r.getCommunityIds()))
                .map(me -> ResponseEntity.status(HttpStatus.CREATED).body(toDto(me)));
    }

    private MeDto toDto(AccountService.MeView me) {
        return new MeDto(
                me.accountId(),
                me.uid(),
                me.displayName(),
                me.roles().stream()
                        .sorted()
                        .map(r -> RoleDto.fromValue(r.name()))
                        .toList(),
                me.communities().stream().map(communities::toRef).toList());
    }
}
