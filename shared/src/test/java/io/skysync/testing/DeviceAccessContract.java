package io.skysync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.api.AddDeviceRequest;
import io.skysync.api.CreateVaultRequest;
import io.skysync.api.DeviceNameRequest;
import io.skysync.api.DeviceTokenResponse;
import io.skysync.api.LocalChangeDto;
import io.skysync.api.PlanRequest;
import io.skysync.api.RoleChangeRequest;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.Role;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import io.skysync.service.ManifestStore;
import io.skysync.service.RetryPolicy;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may do what must survive concurrency, on every {@link ManifestStore}: a device that keeps
 * planning cannot undo its own revocation or demotion with the last-seen write of a plan that read
 * its record before the change, and two admins demoting or revoking each other at the same instant
 * leave the vault an admin; a device renamed while it is revoked or re-roled keeps its revocation
 * and the role last set (a rename writes the name only). Runs through a real {@link SyncService} over the store under test with
 * a clock that ticks a minute and more on every read, so every plan writes its last-seen time. A
 * store's test extends this class and implements {@link #store()}; every trial uses a vault of its own.
 */
public abstract class DeviceAccessContract {
    private static final String SECRET = "device-access-contract-secret";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36)
            + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20), 36);
    private static final AtomicLong VAULTS = new AtomicLong();
    private static final int PLANNERS = 4;
    private static final int TRIALS = 6;
    private static final int PLANS_AFTER_THE_CHANGE = 50;

    private ManifestStore store;
    private SyncService service;
    private ExecutorService pool;

    /** The store under test; called before each test, may answer the same instance every time. */
    protected abstract ManifestStore store();

    @BeforeEach
    void wire() {
        store = store();
        service = new SyncService(store, new InMemoryBlobStore(), new TickingClock(T0, Duration.ofSeconds(61)), new Tokens(new SecureRandom()), ServiceConfig.withBootstrapSecret(SECRET).withRetry(
                // The clock ticks a minute per read: the budget is counted in those minutes.
                new RetryPolicy(Duration.ofDays(3650), Duration.ofMillis(4), Duration.ofMillis(250),
                        RetryPolicy.DEFAULT.pause())));
        pool = Executors.newFixedThreadPool(PLANNERS + 2);
    }

    @AfterEach
    void stopThreads() {
        pool.shutdownNow();
    }

    @Test
    void revoke_whileTheDeviceKeepsPlanning_everyLaterRequestIs401() throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            VaultId vault = newVault();
            String admin = createVault(vault);
            DeviceTokenResponse member = addDevice(vault, admin, "member");
            AtomicBoolean changed = new AtomicBoolean();
            List<Future<?>> planners = startPlanners(vault, member.token(), () -> pullOnly(), changed);

            service.revokeDevice(vault, bearer(admin), new DeviceId(member.deviceId()));
            changed.set(true);

            assertRefused(() -> plan(vault, member.token(), pullOnly()), ErrorCode.UNAUTHORIZED);
            awaitAll(planners);
            assertRefused(() -> plan(vault, member.token(), pullOnly()), ErrorCode.UNAUTHORIZED);
            assertThat(record(vault, member.deviceId()).revoked()).as("trial %d: revoked", trial).isTrue();
        }
    }

    @Test
    void demotion_whileTheDeviceKeepsPlanningChanges_everyLaterPlanWithChangesIs403() throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            VaultId vault = newVault();
            String admin = createVault(vault);
            DeviceTokenResponse member = addDevice(vault, admin, "member");
            AtomicBoolean changed = new AtomicBoolean();
            List<Future<?>> planners = startPlanners(vault, member.token(), DeviceAccessContract::withAChange, changed);

            service.changeRole(vault, bearer(admin), new DeviceId(member.deviceId()), new RoleChangeRequest("read-only"));
            changed.set(true);

            assertRefused(() -> plan(vault, member.token(), withAChange()), ErrorCode.FORBIDDEN);
            awaitAll(planners);
            assertRefused(() -> plan(vault, member.token(), withAChange()), ErrorCode.FORBIDDEN);
            assertThat(record(vault, member.deviceId()).role()).as("trial %d: role", trial).isEqualTo(Role.READ_ONLY);
        }
    }

    @Test
    void twoAdminsDemotingEachOtherAtOnce_leaveAnActiveAdmin() throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            VaultId vault = newVault();
            String first = createVault(vault);
            DeviceTokenResponse second = addDevice(vault, first, "admin");
            String firstId = first.substring(0, first.indexOf('.'));

            race(() -> service.changeRole(vault, bearer(first), new DeviceId(second.deviceId()), new RoleChangeRequest("member")),
                    () -> service.changeRole(vault, bearer(second.token()), new DeviceId(firstId), new RoleChangeRequest("member")));

            assertThat(activeAdmins(vault)).as("trial %d: active admins", trial).isNotEmpty();
        }
    }

    @Test
    void twoAdminsRevokingEachOtherAtOnce_leaveAnActiveAdmin() throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            VaultId vault = newVault();
            String first = createVault(vault);
            DeviceTokenResponse second = addDevice(vault, first, "admin");
            String firstId = first.substring(0, first.indexOf('.'));

            race(() -> service.revokeDevice(vault, bearer(first), new DeviceId(second.deviceId())),
                    () -> service.revokeDevice(vault, bearer(second.token()), new DeviceId(firstId)));

            assertThat(activeAdmins(vault)).as("trial %d: active admins", trial).isNotEmpty();
        }
    }

    @Test
    void renames_racingARevocation_neverUndoIt_andNoneLandsAfterIt() throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            VaultId vault = newVault();
            String admin = createVault(vault);
            DeviceTokenResponse member = addDevice(vault, admin, "member");
            DeviceId id = new DeviceId(member.deviceId());
            AtomicBoolean changed = new AtomicBoolean();
            List<Future<?>> renamers = startRenamers(vault, id, List.of(member.token(), admin), changed);

            service.revokeDevice(vault, bearer(admin), id);
            String nameWhenRevoked = record(vault, member.deviceId()).name();
            changed.set(true);

            awaitAll(renamers);
            DeviceRecord after = record(vault, member.deviceId());
            assertThat(after.revoked()).as("trial %d: revoked", trial).isTrue();
            assertThat(after.role()).as("trial %d: role", trial).isEqualTo(Role.MEMBER);
            assertThat(after.name()).as("trial %d: no rename after the revocation", trial).isEqualTo(nameWhenRevoked);
            assertRefused(() -> plan(vault, member.token(), pullOnly()), ErrorCode.UNAUTHORIZED);
        }
    }

    @Test
    void renames_racingRoleChanges_keepTheRoleLastSet() throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            VaultId vault = newVault();
            String admin = createVault(vault);
            DeviceTokenResponse member = addDevice(vault, admin, "member");
            DeviceId id = new DeviceId(member.deviceId());
            String tokenHash = record(vault, member.deviceId()).tokenHash();
            AtomicBoolean changed = new AtomicBoolean();
            List<Future<?>> renamers = startRenamers(vault, id, List.of(member.token(), admin), changed);

            for (String role : List.of("read-only", "admin", "member", "read-only")) {
                service.changeRole(vault, bearer(admin), id, new RoleChangeRequest(role));
            }
            changed.set(true);

            awaitAll(renamers);
            DeviceRecord after = record(vault, member.deviceId());
            assertThat(after.role()).as("trial %d: role", trial).isEqualTo(Role.READ_ONLY);
            assertThat(after.revoked()).as("trial %d: revoked", trial).isFalse();
            assertThat(after.tokenHash()).as("trial %d: token", trial).isEqualTo(tokenHash);
            assertThat(after.name()).as("trial %d: a name one of them set", trial).matches("renamer-[01]-\\d+");
            assertRefused(() -> plan(vault, member.token(), withAChange()), ErrorCode.FORBIDDEN);
        }
    }

    // ----- the port's device writes, one at a time -----

    @Test
    void addDevice_newThenSameIdAgain_falseAndTheFirstStays() {
        VaultId vault = newVault();
        DeviceRecord admin = record("admin-1", Role.ADMIN);
        assertThat(store.createVault(vault, admin, T0)).isTrue();
        DeviceRecord member = record("member-1", Role.MEMBER);

        assertThat(store.addDevice(vault, member)).isTrue();
        assertThat(store.addDevice(vault, record("member-1", Role.ADMIN))).isFalse();

        assertThat(store.device(vault, member.id())).contains(member);
        assertThat(store.devices(vault)).containsExactlyInAnyOrder(admin, member);
        assertThat(store.device(vault, new DeviceId("nobody"))).isEmpty();
    }

    @Test
    void recordSeen_writesOnlyLastSeenAndCursor_neverRoleOrRevocation() {
        VaultId vault = newVault();
        DeviceRecord member = record("member-1", Role.MEMBER);
        assertThat(store.createVault(vault, record("admin-1", Role.ADMIN), T0)).isTrue();
        assertThat(store.addDevice(vault, member)).isTrue();
        assertThat(store.changeAccess(vault, member, Role.READ_ONLY, true, Optional.empty())).isTrue();

        assertThat(store.recordSeen(vault, member.id(), T0.plusSeconds(90), Seq.of(7))).isTrue();

        assertThat(store.device(vault, member.id())).contains(
                member.withRole(Role.READ_ONLY).revoke().seen(T0.plusSeconds(90), Seq.of(7)));
        assertThat(store.recordSeen(vault, new DeviceId("nobody"), T0, Seq.ZERO)).isFalse();
        assertThat(store.device(vault, new DeviceId("nobody"))).isEmpty();
    }

    @Test
    void changeAccess_onlyFromTheExpectedAccessAndWithAnActiveKeeper() {
        VaultId vault = newVault();
        DeviceRecord admin = record("admin-1", Role.ADMIN);
        DeviceRecord other = record("admin-2", Role.ADMIN);
        DeviceRecord member = record("member-1", Role.MEMBER);
        assertThat(store.createVault(vault, admin, T0)).isTrue();
        assertThat(store.addDevice(vault, other)).isTrue();
        assertThat(store.addDevice(vault, member)).isTrue();
        assertThat(store.recordSeen(vault, other.id(), T0.plusSeconds(60), Seq.of(3))).isTrue();

        assertThat(store.changeAccess(vault, other, Role.MEMBER, false, Optional.of(member.id())))
                .as("the keeper is no admin").isFalse();
        assertThat(store.changeAccess(vault, other.withRole(Role.MEMBER), Role.READ_ONLY, false, Optional.empty()))
                .as("the record is not as expected").isFalse();
        assertThat(store.changeAccess(vault, other, Role.MEMBER, false, Optional.of(new DeviceId("nobody"))))
                .as("the keeper does not exist").isFalse();
        assertThat(store.device(vault, other.id()).orElseThrow().role()).isEqualTo(Role.ADMIN);

        assertThat(store.changeAccess(vault, other, Role.MEMBER, false, Optional.of(admin.id()))).isTrue();
        assertThat(store.device(vault, other.id())).as("last seen and cursor kept")
                .contains(other.seen(T0.plusSeconds(60), Seq.of(3)).withRole(Role.MEMBER));
        assertThat(store.changeAccess(vault, admin, Role.ADMIN, true, Optional.of(other.id())))
                .as("the keeper is no admin any more").isFalse();
        assertThat(store.changeAccess(vault, member, Role.MEMBER, true, Optional.empty())).isTrue();
        assertThat(store.changeAccess(vault, admin, Role.ADMIN, true, Optional.of(member.id())))
                .as("the keeper is revoked").isFalse();
        assertThat(store.device(vault, admin.id())).contains(admin);
        assertThat(store.changeAccess(newVault(), member, Role.ADMIN, false, Optional.empty())).isFalse();
    }

    @Test
    void renameDevice_writesOnlyTheName_andNeverARevokedDevice() {
        VaultId vault = newVault();
        DeviceRecord admin = record("admin-1", Role.ADMIN);
        DeviceRecord member = record("member-1", Role.MEMBER);
        assertThat(store.createVault(vault, admin, T0)).isTrue();
        assertThat(store.addDevice(vault, member)).isTrue();
        assertThat(store.recordSeen(vault, member.id(), T0.plusSeconds(90), Seq.of(7))).isTrue();
        assertThat(store.changeAccess(vault, member, Role.READ_ONLY, false, Optional.empty())).isTrue();

        assertThat(store.renameDevice(vault, member.id(), "Jürgen's phone 📱")).isTrue();

        DeviceRecord renamed = member.seen(T0.plusSeconds(90), Seq.of(7)).withRole(Role.READ_ONLY).withName("Jürgen's phone 📱");
        assertThat(store.device(vault, member.id())).contains(renamed);
        assertThat(store.device(vault, admin.id())).as("the other device").contains(admin);
        assertThat(store.changeAccess(vault, renamed, Role.READ_ONLY, true, Optional.empty())).isTrue();
        assertThat(store.renameDevice(vault, member.id(), "resurrected")).as("revoked").isFalse();
        assertThat(store.device(vault, member.id())).contains(renamed.revoke());
        assertThat(store.renameDevice(vault, new DeviceId("nobody"), "x")).isFalse();
        assertThat(store.device(vault, new DeviceId("nobody"))).isEmpty();
        assertThat(store.renameDevice(newVault(), admin.id(), "x")).isFalse();
    }

    // ----- helpers -----

    /**
     * One renamer per token, each renaming {@code device} to {@code renamer-<i>-<n>} until refused
     * (revoked: 401 or 409), or for {@link #PLANS_AFTER_THE_CHANGE} more renames once {@code changed}
     * is set. Each has renamed twice before this returns, so the change lands mid-loop.
     */
    private List<Future<?>> startRenamers(VaultId vault, DeviceId device, List<String> tokens, AtomicBoolean changed)
            throws InterruptedException {
        CountDownLatch warm = new CountDownLatch(tokens.size());
        List<Future<?>> renamers = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String prefix = "renamer-" + i + "-";
            String token = tokens.get(i);
            renamers.add(pool.submit(() -> {
                int afterTheChange = 0;
                for (int n = 0; afterTheChange < PLANS_AFTER_THE_CHANGE; n++) {
                    try {
                        service.renameDevice(vault, bearer(token), device, new DeviceNameRequest(prefix + n));
                    } catch (SkysyncException refused) {
                        assertThat(refused.code()).as(refused.getMessage()).isIn(ErrorCode.UNAUTHORIZED, ErrorCode.CONFLICT);
                        warm.countDown();
                        return null;
                    }
                    if (n == 1) {
                        warm.countDown();
                    }
                    if (changed.get()) {
                        afterTheChange++;
                    }
                }
                return null;
            }));
        }
        assertThat(warm.await(60, TimeUnit.SECONDS)).as("the renamers got going").isTrue();
        return renamers;
    }

    /**
     * Planners that plan until refused, or for {@link #PLANS_AFTER_THE_CHANGE} more plans once
     * {@code changed} is set (so a change that gets undone fails the test instead of hanging it).
     */
    private List<Future<?>> startPlanners(VaultId vault, String token, Supplier<PlanRequest> request,
                                          AtomicBoolean changed) throws InterruptedException {
        CountDownLatch warm = new CountDownLatch(PLANNERS);
        List<Future<?>> planners = new ArrayList<>();
        for (int i = 0; i < PLANNERS; i++) {
            planners.add(pool.submit(() -> {
                // The first plans count the latch down, so the change lands mid-loop.
                int afterTheChange = 0;
                for (int n = 0; afterTheChange < PLANS_AFTER_THE_CHANGE; n++) {
                    try {
                        plan(vault, token, request.get());
                    } catch (SkysyncException refused) {
                        if (n <= 2) {
                            warm.countDown();
                        }
                        return null;
                    }
                    if (n == 2) {
                        warm.countDown();
                    }
                    if (changed.get()) {
                        afterTheChange++;
                    }
                }
                return null;
            }));
        }
        assertThat(warm.await(60, TimeUnit.SECONDS)).as("the planners got going").isTrue();
        return planners;
    }

    private static void awaitAll(List<Future<?>> futures) throws Exception {
        for (Future<?> future : futures) {
            future.get(60, TimeUnit.SECONDS);
        }
    }

    /** Runs both at once (released by a latch); each may succeed or be refused with a 4xx. */
    private void race(Runnable a, Runnable b) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> both = new ArrayList<>();
        for (Runnable action : List.of(a, b)) {
            both.add(pool.submit(() -> {
                start.await();
                try {
                    action.run();
                } catch (SkysyncException e) {
                    assertThat(e.code().status()).as(e.getMessage()).isBetween(400, 499);
                }
                return null;
            }));
        }
        start.countDown();
        awaitAll(both);
    }

    private void plan(VaultId vault, String token, PlanRequest request) {
        service.plan(vault, bearer(token), request);
    }

    private static PlanRequest pullOnly() {
        return new PlanRequest(0L, List.of());
    }

    private static PlanRequest withAChange() {
        ContentHash hash = ContentHash.ofBytes("planned".getBytes(StandardCharsets.UTF_8));
        return new PlanRequest(0L, List.of(new LocalChangeDto("planned.txt", 0L, hash.hex(), 7L, null)));
    }

    private static void assertRefused(Runnable request, ErrorCode code) {
        assertThatThrownBy(request::run).isInstanceOfSatisfying(SkysyncException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    private List<DeviceRecord> activeAdmins(VaultId vault) {
        return store.devices(vault).stream().filter(d -> !d.revoked() && d.role() == Role.ADMIN).toList();
    }

    private DeviceRecord record(VaultId vault, String id) {
        return store.device(vault, new DeviceId(id)).orElseThrow();
    }

    private String createVault(VaultId vault) {
        return service.createVault(bearer(SECRET), new CreateVaultRequest(vault.value(), "first")).token();
    }

    private DeviceTokenResponse addDevice(VaultId vault, String admin, String role) {
        return service.addDevice(vault, bearer(admin), new AddDeviceRequest(role, role));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static DeviceRecord record(String name, Role role) {
        return new DeviceRecord(new DeviceId(name), name, role,
                ContentHash.ofBytes(("token of " + name).getBytes(StandardCharsets.UTF_8)).hex(), T0, T0, Seq.ZERO, false);
    }

    private static VaultId newVault() {
        return new VaultId(("da-" + RUN + "-" + VAULTS.incrementAndGet()).toLowerCase(Locale.ROOT));
    }
}
