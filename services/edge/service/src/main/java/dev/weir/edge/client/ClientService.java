package dev.weir.edge.client;

import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Service;

import dev.weir.edge.limit.RatePlan;
import dev.weir.edge.system.EdgeProperties;
import dev.weir.edge.system.Scopes;
import dev.weir.edge.system.Secrets;
import dev.weir.platform.error.WeirException;

/**
 * OAuth2 clients ({@code client_credentials}): registered with scopes and a rate limit,
 * their secret shown once and kept as a hash; the authorization server looks them up
 * here, and a disabled client gets no token.
 */
@Service
public class ClientService implements RegisteredClientRepository {

    private static final Logger log = LoggerFactory.getLogger(ClientService.class);

    private final ClientRepository repository;

    private final EdgeProperties properties;

    private final Clock clock;

    private final java.util.concurrent.ConcurrentHashMap<String, PlanLookup> plans = new java.util.concurrent.ConcurrentHashMap<>();

    ClientService(ClientRepository repository, EdgeProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    /** Registers a client; the answer carries its secret, which is never shown again. */
    public CreatedClient create(String name, List<String> scopes, String limit) {
        Set<String> granted = Scopes.checked(scopes);
        String plan = (limit == null || limit.isBlank()) ? null : RatePlan.parse(limit).toString();
        String clientId = "wc_" + Secrets.hex(8);
        String secret = "wcs_" + Secrets.random();
        ClientRepository.Client client = new ClientRepository.Client(clientId, name, Secrets.hash(secret), granted,
                plan, this.clock.instant(), null);
        this.repository.insert(client);
        log.info("Client {} ({}) registered with scopes {}", clientId, name, granted);
        return new CreatedClient(view(client), secret);
    }

    /**
     * Registers the services' own client ({@code weir.edge.service-client}), or renews
     * its secret and scopes: on every start, before any service asks for a token.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationStartedEvent.class)
    public void registerServiceClient() {
        EdgeProperties.ServiceClient service = this.properties.serviceClient();
        if (!service.enabled()) {
            return;
        }
        if (service.secret().length() < 32) {
            throw new IllegalStateException("weir.edge.service-client.secret must be at least 32 characters");
        }
        Set<String> granted = Scopes.checked(service.scopes());
        this.repository.upsert(new ClientRepository.Client(service.id(), "Weir services",
                Secrets.hash(service.secret()), granted, null, this.clock.instant(), null));
        this.plans.remove(service.id());
        log.info("The services' client {} may use scopes {}", service.id(), granted);
    }

    public List<ClientView> list() {
        return this.repository.all().stream().map(ClientService::view).toList();
    }

    /** Disables a client: it gets no more tokens (those it has expire on their own). */
    public void disable(String clientId) {
        this.plans.remove(clientId);
        if (!this.repository.disable(clientId)) {
            throw WeirException.notFound("Client not found", "There is no enabled client '" + clientId + "'.");
        }
        log.info("Client {} disabled", clientId);
    }

    /**
     * The rate limit of an enabled client, or empty when it is disabled or unknown;
     * remembered for {@code weir.edge.api-keys.cache-ttl}.
     */
    public Optional<RatePlan> plan(String clientId) {
        java.time.Instant now = this.clock.instant();
        PlanLookup lookup = this.plans.get(clientId);
        if (lookup == null || lookup.loadedAt().plus(this.properties.apiKeys().cacheTtl()).isBefore(now)) {
            if (this.plans.size() >= 10_000) {
                this.plans.clear();
            }
            lookup = new PlanLookup(
                    this.repository.find(clientId)
                        .filter((c) -> c.disabledAt() == null)
                        .map((c) -> RatePlan
                            .parse((c.rateLimit() != null) ? c.rateLimit() : this.properties.limits().defaultClient())),
                    now);
            this.plans.put(clientId, lookup);
        }
        return lookup.plan();
    }

    private record PlanLookup(Optional<RatePlan> plan, java.time.Instant loadedAt) {
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("Clients are registered through the admin API");
    }

    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return this.repository.find(clientId).filter((c) -> c.disabledAt() == null).map(this::registered).orElse(null);
    }

    private RegisteredClient registered(ClientRepository.Client client) {
        Duration ttl = this.properties.tokens().clientTtl();
        return RegisteredClient.withId(client.clientId())
            .clientId(client.clientId())
            .clientName(client.name())
            .clientSecret(HexFormat.of().formatHex(client.secretHash()))
            .clientIdIssuedAt(client.createdAt())
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .scopes((s) -> s.addAll(client.scopes()))
            .tokenSettings(TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(ttl)
                .build())
            .build();
    }

    private static ClientView view(ClientRepository.Client client) {
        return new ClientView(client.clientId(), client.name(), client.scopes().stream().sorted().toList(),
                client.rateLimit(), client.createdAt(), client.disabledAt());
    }

}
