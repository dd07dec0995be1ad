"""Side-by-side benchmark of jkeepalived and keepalived 2.2.7 (see bench/run.sh)."""
