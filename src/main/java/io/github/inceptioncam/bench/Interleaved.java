package io.github.inceptioncam.bench;

/**
 * Runs two workloads in alternating rounds (A, B, A, B, ...) so that drift (other jobs, thermal, the
 * JIT) hits both alike, after a warm-up of each at this input shape. Each side gets at least
 * {@code seconds} of measured time and at least two rounds.
 */
final class Interleaved {
	/** Images each side processes before measuring, at least (with at least {@code seconds} of warm-up). */
	static final int WARM_IMAGES = 150;

	private Interleaved() {}

	static SideStats[] run(Workload a, Workload b, double seconds) throws Exception {
		// Warm up long enough for the JIT to compile the Java paths (preprocessing, CAM): measured here, our
		// per-image Java work only reaches its compiled speed after some 100 images at batch 1 on 2 busy cores.
		double warm = Math.max(0.1, seconds);
		double lat = Math.max(warmUp(a, warm, WARM_IMAGES), warmUp(b, warm, WARM_IMAGES));
		double roundSeconds = Math.min(0.5, Math.max(0.05, seconds / 4));
		int perRound = (int) Math.max(1, Math.round(roundSeconds / lat));
		a.startMeasuring();
		b.startMeasuring();
		SideStats sa = new SideStats(), sb = new SideStats();
		long goal = (long) (seconds * 1e9);
		int rounds = 0;
		while (rounds < 2 || sa.nanos() < goal || sb.nanos() < goal) {
			timed(a, sa, perRound);
			timed(b, sb, perRound);
			rounds++;
		}
		return new SideStats[] {sa, sb};
	}

	/** At least two calls, {@code seconds} and {@code images} images; returns the last call's seconds. */
	private static double warmUp(Workload w, double seconds, int images) throws Exception {
		long start = System.nanoTime(), last;
		int calls = 0, done = 0;
		do {
			long t0 = System.nanoTime();
			done += w.run();
			last = System.nanoTime() - t0;
			calls++;
		} while (calls < 2 || System.nanoTime() - start < seconds * 1e9 || (done < images && System.nanoTime() - start < 60e9));
		return last / 1e9;
	}

	private static void timed(Workload w, SideStats s, int calls) throws Exception {
		for (int i = 0; i < calls; i++) {
			long t0 = System.nanoTime();
			int n = w.run();
			s.add(System.nanoTime() - t0, n);
		}
	}
}
