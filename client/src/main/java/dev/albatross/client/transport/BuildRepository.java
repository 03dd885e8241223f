package dev.albatross.client.transport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A builder-web binary repository such as {@code https://builds.robur.coop}, as {@code update} uses it (spec
 * §10.2): the build of an image by its SHA-256, the latest build of a job, and a build's main binary. Redirects
 * are not followed for the look-ups: their {@code Location} is the answer.
 */
public final class BuildRepository {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String host;
    private final HttpClient lookups;
    private final HttpClient downloads;

    /** @param host {@code http[s]://hostname[:port]}, without a trailing slash */
    public BuildRepository(String host) {
        this.host = host;
        this.lookups = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(TIMEOUT)
                .build();
        this.downloads = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(TIMEOUT).build();
    }

    public String host() {
        return host;
    }

    /** A job and one of its builds. */
    public record Build(String job, String uuid) {
    }

    /** An answer, or Albatross's message for why there is none. */
    public sealed interface Answer<T> {
        record Found<T>(T value) implements Answer<T> {
        }

        record Problem<T>(String message, Optional<String> reply) implements Answer<T> {
        }
    }

    /** {@code /hash?sha256=<hex>}: the build that produced the image. */
    public Answer<Build> buildOf(String sha256Hex) throws IOException, InterruptedException {
        return redirect(host + "/hash?sha256=" + sha256Hex);
    }

    /** {@code /job/<job>/build/latest}. */
    public Answer<Build> latest(String job) throws IOException, InterruptedException {
        return redirect(host + "/job/" + job + "/build/latest");
    }

    /** {@code /job/<job>/build/<uuid>/main-binary}, following redirects; must be a non-empty 2xx body. */
    public Answer<byte[]> binary(Build build) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = downloads.send(request(host + "/job/" + build.job() + "/build/" + build.uuid()
                + "/main-binary"), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() / 100 == 2 && r.body().length > 0) {
            return new Answer.Found<>(r.body());
        }
        return new Answer.Problem<>("unexpected HTTP reply", Optional.of(describe(r)));
    }

    private Answer<Build> redirect(String uri) throws IOException, InterruptedException {
        HttpResponse<Void> r = lookups.send(request(uri), HttpResponse.BodyHandlers.discarding());
        int status = r.statusCode();
        if (status / 100 == 3) {
            Optional<String> location = r.headers().firstValue("location");
            if (location.isEmpty()) {
                return new Answer.Problem<>("no Location header received in HTTP reply", Optional.empty());
            }
            return jobAndBuild(location.get());
        }
        if (status == 404) {
            return new Answer.Problem<>("couldn't find the unikernel in the repository", Optional.empty());
        }
        return new Answer.Problem<>("unexpected HTTP reply", Optional.of(describe(r)));
    }

    /** {@code job_and_build}: a Location of the form {@code /job/<job>/build/<uuid>} (a trailing / allowed). */
    static Answer<Build> jobAndBuild(String location) {
        String[] parts = location.split("/", -1);
        boolean shape = (parts.length == 5 || (parts.length == 6 && parts[5].isEmpty()))
                && parts[0].isEmpty() && parts[1].equals("job") && parts[3].equals("build");
        if (!shape) {
            return new Answer.Problem<>("expected '/job/<jobname>/build/<uuid>', got: " + location, Optional.empty());
        }
        return new Answer.Found<>(new Build(parts[2], parts[4]));
    }

    private static HttpRequest request(String uri) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).GET().build();
    }

    private static String describe(HttpResponse<?> r) {
        return "HTTP " + r.version().toString().replace("HTTP_", "").replace('_', '.') + " " + r.statusCode()
                + " " + r.uri();
    }
}
