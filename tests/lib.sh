# Shared by the shell test suites: ". tests/lib.sh".

n=0
# ok STATUS TEXT: one TAP line.
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# fingerprint CONNINFO: every table of the schema with its number of
# rows, one per line in name order.
fingerprint() {
	psql -X -At "$1" -c "SELECT string_agg(format('%s %s', c.relname,
	    (xpath('/row/n/text()', query_to_xml(format(
	    'SELECT count(*) AS n FROM %I', c.relname), false, true, '')))[1]),
	    E'\n' ORDER BY c.relname) FROM pg_class c WHERE c.relkind = 'r'
	    AND c.relnamespace = 'public'::regnamespace"
}

# nginx_main DIR SITE: DIR/nginx.conf, an nginx of its own (pid, logs and
# temporary files in DIR) serving the server blocks of the file SITE.
nginx_main() {
	cat >"$1/nginx.conf" <<NGINX
user www-data;
worker_processes 1;
pid $1/nginx.pid;
error_log $1/error.log;
events { worker_connections 512; }
http {
	include /etc/nginx/mime.types;
	access_log $1/access.log;
	client_body_temp_path $1/body;
	proxy_temp_path $1/proxy;
	fastcgi_temp_path $1/fastcgi;
	uwsgi_temp_path $1/uwsgi;
	scgi_temp_path $1/scgi;
	include $2;
}
NGINX
}
