# The app replicas behind the edge cache (docker-compose), balanced round robin; a replica whose
# /_ready fails (its database unreachable, shutting down) leaves the pool until it answers again.
probe ready {
    .url = "/_ready";
    .interval = 5s;
    .timeout = 2s;
    .window = 5;
    .threshold = 3;
}

backend app_1 {
    .host = "app-1";
    .port = "1337";
    .probe = ready;
}

backend app_2 {
    .host = "app-2";
    .port = "1337";
    .probe = ready;
}

sub vcl_init {
    new origin = directors.round_robin();
    origin.add_backend(app_1);
    origin.add_backend(app_2);
}

# The instances that purge this cache after a change (every app instance does, for the changes it
# hears of), by their compose service names, resolved when the VCL loads; and this host. Behind a
# load balancer of your own, list your app instances' addresses here and nothing wider
# (docs/deploying.md, "Who may purge").
acl purgers {
    "127.0.0.1";
    "::1";
    "app-1";
    "app-2";
    "app-editor";
}
