vcl 4.1;
# Edge cache in front of the app replicas (docker-compose service `edge`, README "Deploying").
#
# - Caches what the app marks `Cache-Control: public` (the public read API), for as long as its
#   Surrogate-Control max-age says: the app purges by tag on every change, so no answer a change
#   made stale is ever served. Objects are registered under the tags in the app's `xkey` header.
# - PURGE with an `xkey-purge: <tag> <tag>…` header (sent by the app, VARNISH_PURGE_URLS) removes
#   every object carrying one of the tags at once: a hard purge, never served again, not even
#   while the origin is down.
# - While the origin is down (its /_ready probe fails), keeps serving what it holds for up to
#   the Surrogate-Control stale-if-error; while it is up, at most HEALTHY_GRACE past expiry,
#   refreshed in the background.
# - Runs with `-p http_gzip_support=off`: the app stores a brotli and a gzip variant of every
#   answer, and this cache keeps one object per normalised Accept-Encoding (br, gzip, none).
import std;
import xkey;
import directors;

# Backends, their /_ready probe, the `origin` director and the `purgers` ACL (the app instances
# that may purge, by host name or address, nothing wider): deploy/varnish-backends.compose.vcl,
# mounted under this name by docker-compose; the Varnish test writes its own, pointed at a test app.
# A private range here would let anyone behind the same load balancer empty the cache.
include "varnish-backends.vcl";

sub vcl_recv {
    set req.backend_hint = origin.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "xkey-purge header missing"));
        }
        set req.http.purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.purged + " objects"));
    }

    # The content API reads by bearer token or not at all: a cookie is the admin panel's, meaningless
    # here, and would make every public read uncacheable.
    if (req.url ~ "(?i)^/api/" && (req.method == "GET" || req.method == "HEAD")) {
        unset req.http.Cookie;
    }

    # One object per encoding the app can send, not per spelling of Accept-Encoding.
    if (req.http.Accept-Encoding ~ "(?i)\bbr\b") {
        set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "(?i)\bgzip\b") {
        set req.http.Accept-Encoding = "gzip";
    } else {
        unset req.http.Accept-Encoding;
    }

    # Past expiry, serve the stale object (and refresh it in the background) for a moment only
    # while the origin is healthy; for as long as the object allows while it is not.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 5s;
    }
    # Everything else (Authorization, other cookies, writes) as Varnish's built-in vcl_recv does: pass.
}

sub vcl_backend_response {
    # A background refresh that fails keeps the object it was refreshing: stale-if-error.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Only what the app marks public is kept, and never an error: a 404 for a document not yet
    # published would outlive the publish that purges its tags. Passed for a second (hit-for-miss),
    # so waiting requests go to the origin at once instead of one after another.
    if (beresp.status >= 400 || beresp.http.Set-Cookie || beresp.http.Cache-Control !~ "(?i)(^|[ ,])public([ ,]|$)" || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 1s;
        set beresp.grace = 0s;
        return (deliver);
    }
    if (beresp.http.Surrogate-Control ~ "max-age=\d+") {
        set beresp.ttl = std.duration(regsub(beresp.http.Surrogate-Control, "^.*max-age=(\d+).*$", "\1") + "s", 60s);
    }
    if (beresp.http.Surrogate-Control ~ "stale-if-error=\d+") {
        set beresp.grace = std.duration(regsub(beresp.http.Surrogate-Control, "^.*stale-if-error=(\d+).*$", "\1") + "s", 0s);
    } else {
        set beresp.grace = 0s;
    }
    unset beresp.http.Surrogate-Control;
    # Headers about this one answer, never about the object: the first caller's rate-limit count
    # must not be replayed to everyone after them.
    unset beresp.http.RateLimit-Limit;
    unset beresp.http.RateLimit-Remaining;
    unset beresp.http.RateLimit-Reset;
    unset beresp.http.RateLimit-Policy;
    unset beresp.http.RateLimit;
    unset beresp.http.Retry-After;
    unset beresp.http.X-Cache;
    return (deliver);
}

sub vcl_deliver {
    # The tags are for this cache only; Surrogate-Key and Cache-Tag stay for a CDN in front of it.
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.X-Edge-Cache = "HIT";
    } else {
        set resp.http.X-Edge-Cache = "MISS";
    }
}
