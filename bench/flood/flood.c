// SPDX-License-Identifier: GPL-2.0
/*
 * UDP flood for the capture benchmark: batches of small datagrams with sendmmsg, counted with
 * recvmmsg. Built by bench/flood/run with the system cc; run each side inside its namespace.
 *
 *   flood send <ipv4> <port> <seconds> <payload-bytes> [<per-second>]   prints "sent <datagrams>"
 *   flood recv <port> <idle-ms>                          prints "received <datagrams> <first-to-last ns>"
 *
 * The sender goes as fast as it can, or at most <per-second> datagrams a second (the soak). The
 * receiver stops once no datagram came for idle-ms after the first one.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64
#define MAX_PAYLOAD 1472

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

/* Sleeps until sending `sent` datagrams at `rate` a second since `start` is due. */
static void pace(long long start, long long sent, long rate)
{
	long long due = start + sent * 1000000000LL / rate, now = now_ns();
	struct timespec wait;

	if (due <= now)
		return;
	wait.tv_sec = (due - now) / 1000000000LL;
	wait.tv_nsec = (due - now) % 1000000000LL;
	nanosleep(&wait, NULL);
}

static int flood_send(const char *ip, int port, double seconds, int payload, long rate)
{
	static char buf[MAX_PAYLOAD];
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(port) };
	struct mmsghdr msgs[BATCH];
	struct iovec iov = { .iov_base = buf, .iov_len = payload };
	long long start, end, sent = 0;
	int fd, i;

	if (inet_pton(AF_INET, ip, &to.sin_addr) != 1 || payload < 1 || payload > MAX_PAYLOAD)
		return fprintf(stderr, "flood: bad address or payload size\n"), 2;
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	if (connect(fd, (struct sockaddr *)&to, sizeof(to)))
		die("connect");
	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < BATCH; i++) {
		msgs[i].msg_hdr.msg_iov = &iov;
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	start = now_ns();
	end = start + (long long)(seconds * 1e9);
	while (now_ns() < end) {
		int n = sendmmsg(fd, msgs, rate > 0 && rate < BATCH ? 1 : BATCH, 0);

		if (n < 0) {
			/* The receiver's port may not be open for a moment: keep going. */
			if (errno == ECONNREFUSED || errno == ENOBUFS || errno == EAGAIN)
				continue;
			die("sendmmsg");
		}
		sent += n;
		if (rate > 0)
			pace(start, sent, rate);
	}
	printf("sent %lld\n", sent);
	return 0;
}

static int flood_recv(int port, int idle_ms)
{
	static char bufs[BATCH][MAX_PAYLOAD];
	struct sockaddr_in at = { .sin_family = AF_INET, .sin_port = htons(port) };
	struct timeval idle = { .tv_sec = idle_ms / 1000, .tv_usec = (idle_ms % 1000) * 1000 };
	struct mmsghdr msgs[BATCH];
	struct iovec iovs[BATCH];
	long long received = 0, first = 0, last = 0;
	int fd, i, size = 8 << 20;

	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (bind(fd, (struct sockaddr *)&at, sizeof(at)))
		die("bind");
	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < BATCH; i++) {
		iovs[i] = (struct iovec){ .iov_base = bufs[i], .iov_len = MAX_PAYLOAD };
		msgs[i].msg_hdr.msg_iov = &iovs[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	/* Say we are listening, so the caller starts the sender only now. */
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		int n = recvmmsg(fd, msgs, BATCH, MSG_WAITFORONE, NULL);

		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			if (errno == EINTR)
				continue;
			die("recvmmsg");
		}
		/* Wait without a limit for the first datagram, then stop after idle_ms of silence. */
		if (!received) {
			first = now_ns();
			if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &idle, sizeof(idle)))
				die("setsockopt");
		}
		received += n;
		last = now_ns();
	}
	printf("received %lld %lld\n", received, last - first);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if ((argc == 6 || argc == 7) && !strcmp(argv[1], "send"))
		return flood_send(argv[2], atoi(argv[3]), atof(argv[4]), atoi(argv[5]), argc == 7 ? atol(argv[6]) : 0);
	if (argc == 4 && !strcmp(argv[1], "recv"))
		return flood_recv(atoi(argv[2]), atoi(argv[3]));
	fprintf(stderr, "usage: flood send <ipv4> <port> <seconds> <payload> [<per-second>] | flood recv <port> <idle-ms>\n");
	return 2;
}
