import { Router } from "@solidjs/router";
import { render } from "solid-js/web";
import { Layout } from "./components/layout";
import { I18nProvider } from "./i18n";
import { routes } from "./routes";
import "./styles.css";

render(
  () => (
    <I18nProvider>
      <Router root={Layout}>{routes}</Router>
    </I18nProvider>
  ),
  document.getElementById("root")!,
);
