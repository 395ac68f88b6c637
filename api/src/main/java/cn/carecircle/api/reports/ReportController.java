package cn.carecircle.api.reports;

import cn.carecircle.api.contract.ReportsApi;
import cn.carecircle.api.contract.model.MonthlyReportDto;
import cn.carecircle.api.security.Caller;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.UUID;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

@RestController
@RequestMapping("/api/v1")
class ReportController implements ReportsApi {

    private final ReportService service;
    private final ReportMapper mapper;

    ReportController(ReportService service, ReportMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    @Override
    public Mono<ResponseEntity<MonthlyReportDto>> getMonthlyReport(
            String month, UUID communityId, String regionCode, ServerWebExchange exchange) {
        return Mono.defer(() -> service.report(
                        Caller.of(exchange),
                        new ReportService.Request(YearMonth.parse(month), communityId, regionCode)))
                .map(report -> ResponseEntity.ok(mapper.toDto(report)));
    }

    @Override
    public Mono<ResponseEntity<Resource>> exportMonthlyReport(
            String month, String format, UUID communityId, String regionCode, ServerWebExchange exchange) {
        return Mono.defer(() -> {
            ReportFiles.Format f = ReportFiles.Format.parse(format);
            return service.report(
                            Caller.of(exchange),
                            new ReportService.Request(YearMonth.parse(month), communityId, regionCode))
                    // writing the file blocks (streams, compression): never on the event loop
                    .publishOn(Schedulers.boundedElastic())
                    .map(report -> {
                        byte[] bytes = ReportFiles.write(report, f);
                        HttpHeaders headers = new HttpHeaders();
                        headers.setContentType(f.mediaType());
                        headers.setContentLength(bytes.length);
                        headers.setContentDisposition(ContentDisposition.attachment()
                                .filename(ReportFiles.fileName(report, f), StandardCharsets.UTF_8)
                                .build());
                        return ResponseEntity.ok().headers(headers).body((Resource) new ByteArrayResource(bytes));
                    });
        });
    }
}
