// For pages that only use <voice-agent data-demo> elements.
import { fillDemoWidgets } from "./demo.js";

fillDemoWidgets();
