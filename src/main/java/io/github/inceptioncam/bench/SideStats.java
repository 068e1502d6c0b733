package io.github.inceptioncam.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Timings of one side of an interleaved comparison: every call's latency, images and time in total. */
final class SideStats {
	private final List<Double> batchMs = new ArrayList<>();
	private long images;
	private long nanos;

	void add(long ns, int n) {
		batchMs.add(ns / 1e6);
		images += n;
		nanos += ns;
	}

	long nanos() {
		return nanos;
	}

	int calls() {
		return batchMs.size();
	}

	double imagesPerSecond() {
		return nanos == 0 ? 0 : images / (nanos / 1e9);
	}

	double medianBatchMs() {
		return median(batchMs);
	}

	static double median(List<Double> values) {
		if (values.isEmpty()) return Double.NaN;
		List<Double> s = new ArrayList<>(values);
		Collections.sort(s);
		int n = s.size();
		return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
	}
}
