import "./styles/tokens.css";
import "./app";

document.body.append(document.createElement("pd-app"));
