package cn.carecircle.api.elders;

import cn.carecircle.api.common.Gender;
import cn.carecircle.api.common.GeoPoint;
import cn.carecircle.api.common.Language;
import cn.carecircle.api.common.Page;
import cn.carecircle.api.common.PageRequest;
import cn.carecircle.api.common.PagedQuery;
import cn.carecircle.api.common.PersonalDataProtector;
import cn.carecircle.api.common.ServiceType;
import cn.carecircle.api.common.Sql;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Elders at rest: personal fields are encrypted on the way in and decrypted on the way out, here only. */
@Repository
class ElderRepository {

    private static final String COLUMNS = """
            e.id, e.community_id, e.name, e.gender, e.birth_date, e.id_number_enc, e.phone_enc, e.address_enc,
            e.home_lat, e.home_lon, e.mobility_level, e.needs, e.languages, e.bathing_gender_preference,
            e.special_difficulty, e.subsidy_eligible, e.emergency_contact_name, e.emergency_contact_phone_enc,
            e.emergency_contact_relationship""";

    private final DatabaseClient db;
    private final PersonalDataProtector protector;

    ElderRepository(DatabaseClient db, PersonalDataProtector protector) {
        this.db = db;
        this.protector = protector;
    }

    Mono<Void> insert(Elder e, UUID createdBy, Instant at) {
        Elder.EmergencyContact ec = e.emergencyContact();
        GenericExecuteSpec spec = db.sql("""
                        insert into elder (id, community_id, name, gender, birth_date, id_number_enc, id_number_bidx,
                            phone_enc, phone_bidx, phone_last4_bidx, address_enc, home_lat, home_lon, mobility_level,
                            needs, languages, bathing_gender_preference, special_difficulty, subsidy_eligible,
                            emergency_contact_name, emergency_contact_phone_enc, emergency_contact_relationship,
                            created_by, created_at)
                        values (:id, :community, :name, :gender, :birth, :idEnc, :idBidx, :phoneEnc, :phoneBidx,
                            :last4Bidx, :addressEnc, :lat, :lon, :mobility, :needs, :languages, :bathing, :special,
                            :subsidy, :ecName, :ecPhoneEnc, :ecRelationship, :createdBy, :at)
                        """)
                .bind("id", e.id())
                .bind("community", e.communityId())
                .bind("name", e.name())
                .bind("gender", e.gender().name())
                .bind("birth", e.birthDate())
                .bind("idEnc", protector.encrypt(e.idNumber()))
                .bind("idBidx", idNumberIndex(e.idNumber()))
                .bind("addressEnc", protector.encrypt(e.address()))
                .bind("lat", e.location().lat())
                .bind("lon", e.location().lon())
                .bind("mobility", e.mobilityLevel().name())
                .bind("needs", Sql.names(e.needs()))
                .bind("languages", Sql.names(e.languages()))
                .bind("special", e.specialDifficulty())
                .bind("subsidy", e.subsidyEligible())
                .bind("createdBy", createdBy)
                .bind("at", at);
        spec = Sql.bindNullable(spec, "phoneEnc", protector.encrypt(e.phone()), String.class);
        spec = Sql.bindNullable(spec, "phoneBidx", phoneIndex(e.phone()), String.class);
        spec = Sql.bindNullable(
                spec,
                "last4Bidx",
                e.phone() == null ? null : last4Index(e.phone().substring(7)),
                String.class);
        spec = Sql.bindNullable(
                spec,
                "bathing",
                e.bathingGenderPreference() == null
                        ? null
                        : e.bathingGenderPreference().name(),
                String.class);
        spec = Sql.bindNullable(spec, "ecName", ec == null ? null : ec.name(), String.class);
        spec = Sql.bindNullable(spec, "ecPhoneEnc", ec == null ? null : protector.encrypt(ec.phone()), String.class);
        spec = Sql.bindNullable(spec, "ecRelationship", ec == null ? null : ec.relationship(), String.class);
        return spec.then();
    }

    Mono<Elder> findById(UUID id) {
        return db.sql("select " + COLUMNS + " from elder e where e.id = :id")
                .bind("id", id)
                .map(this::read)
                .one();
    }

    Mono<UUID> findIdByIdNumber(String idNumber) {
        return db.sql("select id from elder where id_number_bidx = :bidx")
                .bind("bidx", idNumberIndex(idNumber))
                .map((row, meta) -> row.get("id", UUID.class))
                .one();
    }

    Mono<Boolean> existsByIdNumber(String idNumber) {
        return findIdByIdNumber(idNumber).map(id -> true).defaultIfEmpty(false);
    }

    /** A page of elders matching the filter, newest name order; {@code scope} limits to communities or a family. */
    Mono<Page<Elder>> search(ElderSearch search, PageRequest page) {
        PagedQuery query = search.familyAccountId() == null
                ? PagedQuery.from("elder e")
                : PagedQuery.from("elder e join family_binding b on b.elder_id = e.id and b.status = 'ACTIVE'"
                                + " and b.family_account_id = :family")
                        .bind("family", search.familyAccountId());
        return query.where(
                        "e.community_id = any(:communities)",
                        "communities",
                        search.communityIds() == null
                                ? null
                                : search.communityIds().toArray(UUID[]::new))
                .where(
                        "e.name like :name escape '\\'",
                        "name",
                        search.nameContains() == null
                                ? null
                                : "%" + search.nameContains().replaceAll("([\\\\%_])", "\\\\$1") + "%")
                .where(
                        "e.phone_last4_bidx = :last4",
                        "last4",
                        search.phoneLast4() == null ? null : last4Index(search.phoneLast4()))
                .where("e.special_difficulty = :special", "special", search.specialDifficulty())
                .fetch(db, COLUMNS, "e.name, e.id", page, this::read);
    }

    record ElderSearch(
            UUID familyAccountId,
            List<UUID> communityIds,
            String nameContains,
            String phoneLast4,
            Boolean specialDifficulty) {}

    private String idNumberIndex(String idNumber) {
        return protector.blindIndex("elder-id-number", idNumber);
    }

    private String phoneIndex(String phone) {
        return protector.blindIndex("elder-phone", phone);
    }

    private String last4Index(String last4) {
        return protector.blindIndex("elder-phone-last4", last4);
    }

    private Elder read(Readable row) {
        String ecName = row.get("emergency_contact_name", String.class);
        return new Elder(
                row.get("id", UUID.class),
                row.get("community_id", UUID.class),
                row.get("name", String.class),
                Gender.valueOf(row.get("gender", String.class)),
                row.get("birth_date", LocalDate.class),
                protector.decrypt(row.get("id_number_enc", String.class)),
                protector.decrypt(row.get("phone_enc", String.class)),
                protector.decrypt(row.get("address_enc", String.class)),
                new GeoPoint(row.get("home_lat", Double.class), row.get("home_lon", Double.class)),
                MobilityLevel.valueOf(row.get("mobility_level", String.class)),
                Sql.enumSet(row.get("needs", String[].class), ServiceType.class),
                Sql.enumSet(row.get("languages", String[].class), Language.class),
                Sql.enumOrNull(row.get("bathing_gender_preference", String.class), Gender::valueOf),
                row.get("special_difficulty", Boolean.class),
                row.get("subsidy_eligible", Boolean.class),
                ecName == null
                        ? null
                        : new Elder.EmergencyContact(
                                ecName,
                                protector.decrypt(row.get("emergency_contact_phone_enc", String.class)),
                                row.get("emergency_contact_relationship", String.class)));
    }
}
