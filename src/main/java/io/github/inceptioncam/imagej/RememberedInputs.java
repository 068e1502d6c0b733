package io.github.inceptioncam.imagej;

import ij.IJ;
import ij.Macro;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPostprocessorPlugin;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PostprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.ui.UIService;

/**
 * Our commands' dialogs start from the values last chosen in a dialog, without SciJava's {@code persist} (whose
 * remembered values also fill the keys a macro leaves out). {@link Load} fills the inputs nothing has set yet from
 * the {@link SettingsStore}, only when a dialog is about to be shown (a user interface that is not headless, no macro
 * running); {@link Save} remembers the inputs of such a run once it has finished. A macro, a script run headless or
 * {@code --headless --run} never reads them: absent keys keep their defaults.
 */
public final class RememberedInputs {
	private RememberedInputs() {}

	/** Modules whose inputs were filled for a dialog (and so are remembered after the run). */
	private static final Map<Module, Boolean> INTERACTIVE = Collections.synchronizedMap(new WeakHashMap<>());

	/** Whether an ImageJ 1.x macro is running (then no dialog of ours reads remembered values). */
	static boolean macroRunning() {
		return Macro.getOptions() != null || IJ.isMacro();
	}

	/** Whether a run of a module shows its dialog: a UI that is not headless, and no macro. */
	static boolean dialogRun(UIService ui) {
		return ui != null && !ui.isHeadless() && !macroRunning();
	}

	/** Fills the unresolved inputs from the store; runs after SciJava's own LoadInputsPreprocessor, before the dialog. */
	@Plugin(type = PreprocessorPlugin.class, priority = -9999.5)
	public static final class Load extends AbstractPreprocessorPlugin {
		@Parameter(required = false)
		private UIService ui;

		@Override
		public void process(Module module) {
			SettingsStore store = SettingsStore.forCommand(module.getDelegateObject());
			if (store == null || !dialogRun(ui)) return;
			INTERACTIVE.put(module, Boolean.TRUE);
			for (ModuleItem<?> in : module.getInfo().inputs()) {
				if (module.isInputResolved(in.getName()) || !SettingsStore.storable(in.getType())) continue;
				Object v = store.get(SettingsStore.key(in.getName()), in.getType());
				if (v != null) module.setInput(in.getName(), v);
			}
			// the class chooser follows the remembered model
			if (module.getDelegateObject() instanceof ClassifierCommand) ((ClassifierCommand) module.getDelegateObject()).updateClassChoices();
		}
	}

	/** Remembers the inputs of a run whose dialog was shown, once it has run without being canceled. */
	@Plugin(type = PostprocessorPlugin.class)
	public static final class Save extends AbstractPostprocessorPlugin {
		@Override
		public void process(Module module) {
			if (INTERACTIVE.remove(module) == null) return;
			SettingsStore store = SettingsStore.forCommand(module.getDelegateObject());
			if (store == null) return;
			if (module.getDelegateObject() instanceof org.scijava.Cancelable && ((org.scijava.Cancelable) module.getDelegateObject()).isCanceled()) return;
			for (ModuleItem<?> in : module.getInfo().inputs()) {
				if (!SettingsStore.storable(in.getType())) continue;
				Object v = module.getInput(in.getName());
				if (v != null) store.set(SettingsStore.key(in.getName()), v);
			}
		}
	}
}
