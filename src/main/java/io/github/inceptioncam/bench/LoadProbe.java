package io.github.inceptioncam.bench;

import com.google.gson.JsonObject;
import io.github.inceptioncam.inference.CamEngine;
import io.github.inceptioncam.inference.EngineCache;
import io.github.inceptioncam.inference.EngineSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Java heap used while loading a model through {@link EngineCache}, against the file size, and the
 * cost of asking the cache for the same model again. Meant for a fresh JVM (a child process).
 *
 * <p>Two heap figures bracket the truth: {@code heap_peak_pools_kb} sums each heap pool's own peak (an
 * upper bound: eden and old peak at different moments), {@code heap_peak_sampled_kb} is the largest used
 * heap seen by a 1 ms sampler (a lower bound: it can miss a spike).
 */
final class LoadProbe {
	private LoadProbe() {}

	static JsonObject run(Path model, EngineSettings settings, Consumer<String> log) throws Exception {
		long fileBytes = PeerModel.size(model);
		System.gc();
		long base = 0;
		for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
			if (p.getType() == MemoryType.HEAP) {
				p.resetPeakUsage();
				base += p.getUsage().getUsed();
			}
		}
		long[] sampled = {0};
		Runtime rt = Runtime.getRuntime();
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				sampled[0] = Math.max(sampled[0], rt.totalMemory() - rt.freeMemory());
				try {
					Thread.sleep(1);
				} catch (InterruptedException e) {
					return;
				}
			}
		}, "heap-sampler");
		sampler.setDaemon(true);
		sampler.start();
		long t0 = System.nanoTime();
		CamEngine first = EngineCache.get(model, settings, log);
		long t1 = System.nanoTime();
		sampler.interrupt();
		sampler.join();
		long peak = 0;
		for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
			if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
		}
		long t2 = System.nanoTime();
		CamEngine second = EngineCache.get(model, settings, log);
		long t3 = System.nanoTime();
		JsonObject o = new JsonObject();
		o.addProperty("mode", "load");
		o.addProperty("model", first.model().displayName());
		o.addProperty("model_bytes", fileBytes);
		o.addProperty("max_heap_kb", rt.maxMemory() / 1024);
		o.addProperty("heap_before_kb", base / 1024);
		o.addProperty("heap_peak_pools_kb", peak / 1024);
		o.addProperty("heap_peak_sampled_kb", sampled[0] / 1024);
		o.addProperty("heap_peak_pools_over_file", (peak - base) / (double) fileBytes);
		o.addProperty("heap_peak_sampled_over_file", (sampled[0] - base) / (double) fileBytes);
		o.addProperty("first_load_ms", (t1 - t0) / 1e6);
		o.addProperty("second_load_ms", (t3 - t2) / 1e6);
		o.addProperty("second_is_same_engine", first == second);
		o.addProperty("vmhwm_kb", ProcStatus.vmHwmKb());
		return o;
	}
}
