import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.weir.retail.api.v1.CustomersGrpc;
import dev.weir.retail.api.v1.GetCustomerRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;

/**
 * Closed-loop load, the same harness for both protocols: `inFlight` requests always outstanding, each
 * completion records its latency and sends the next, random customer ids, for `seconds` after a warm-up.
 *
 *   java -cp CLASSPATH GrpcVsRest.java HOST REST_PORT GRPC_PORT IDS_FILE [IN_FLIGHT] [SECONDS] [ROUNDS]
 */
public class GrpcVsRest {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int restPort = Integer.parseInt(args[1]);
        int grpcPort = Integer.parseInt(args[2]);
        List<String> ids = Files.readAllLines(Path.of(args[3])).stream().map(String::strip).filter((s) -> !s.isEmpty()).toList();
        int inFlight = (args.length > 4) ? Integer.parseInt(args[4]) : 64;
        int seconds = (args.length > 5) ? Integer.parseInt(args[5]) : 15;
        int rounds = (args.length > 6) ? Integer.parseInt(args[6]) : 3;

        // env AUTH: the Authorization header's value (a bearer token of the edge), sent on both protocols
        String auth = System.getenv().getOrDefault("AUTH", "");
        Metadata headers = new Metadata();
        if (!auth.isEmpty()) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), auth);
        }
        ManagedChannel channel = ManagedChannelBuilder.forAddress(host, grpcPort).usePlaintext().build();
        CustomersGrpc.CustomersStub customers = CustomersGrpc.newStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        Target grpc = (id, done) -> customers.withDeadlineAfter(5, TimeUnit.SECONDS)
            .getCustomer(GetCustomerRequest.newBuilder().setCustomerId(id).build(), new StreamObserver<>() {
                public void onNext(dev.weir.retail.api.v1.Customer value) {
                }

                public void onError(Throwable t) {
                    done.accept(false);
                }

                public void onCompleted() {
                    done.accept(true);
                }
            });
        Target rest = (id, done) -> http
            .sendAsync(withAuth(HttpRequest.newBuilder(URI.create("http://" + host + ":" + restPort + "/customer/" + id)), auth).build(),
                    HttpResponse.BodyHandlers.ofByteArray())
            .whenComplete((response, failure) -> done.accept(failure == null && response.statusCode() == 200));

        System.out.println("warm-up ...");
        run("grpc", grpc, ids, inFlight, 10);
        run("rest", rest, ids, inFlight, 10);
        for (int round = 1; round <= rounds; round++) {
            System.out.println("round " + round);
            System.out.println("  " + run("grpc", grpc, ids, inFlight, seconds));
            System.out.println("  " + run("rest", rest, ids, inFlight, seconds));
        }
        channel.shutdownNow();
    }

    static HttpRequest.Builder withAuth(HttpRequest.Builder request, String auth) {
        return auth.isEmpty() ? request : request.header("Authorization", auth);
    }

    interface Target {

        void call(String id, Consumer<Boolean> done);

    }

    static String run(String name, Target target, List<String> ids, int inFlight, int seconds) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long[] latencies = new long[4_000_000];
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(inFlight);
        long start = System.nanoTime();
        for (int i = 0; i < inFlight; i++) {
            next(target, ids, end, latencies, recorded, errors, finished);
        }
        finished.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        int n = Math.min(recorded.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        return String.format("%-5s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d", name, n / elapsed,
                sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6, errors.get());
    }

    static void next(Target target, List<String> ids, long end, long[] latencies, AtomicInteger recorded,
            AtomicLong errors, CountDownLatch finished) {
        if (System.nanoTime() >= end) {
            finished.countDown();
            return;
        }
        long sent = System.nanoTime();
        target.call(ids.get(ThreadLocalRandom.current().nextInt(ids.size())), (ok) -> {
            int slot = recorded.getAndIncrement();
            if (slot < latencies.length) {
                latencies[slot] = System.nanoTime() - sent;
            }
            if (!ok) {
                errors.incrementAndGet();
            }
            next(target, ids, end, latencies, recorded, errors, finished);
        });
    }

}
