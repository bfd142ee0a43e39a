import { useAccess, useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import {
  ActionGroup,
  Alert,
  AlertActionCloseButton,
  AlertGroup,
  Button,
  Form,
  FormGroup,
  FormHelperText,
  FormSection,
  FormSelect,
  FormSelectOption,
  HelperText,
  HelperTextItem,
  PageSection,
  Spinner,
  Switch,
  Text,
  TextArea,
  TextContent,
  TextInput,
  Title,
} from "@patternfly/react-core";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { VigilRequestError, vigilRequest } from "../api";
import { changes, checkValue, display, normalize, sections, sentence, weightSignal, type SettingDeclaration } from "./form";

type Toast = { key: number; variant: "success" | "danger"; text: string };

/**
 * "Settings": the realm's Vigil settings as a form built from the server's declaration of each setting (section,
 * kind, bounds, default, help), so the page, the REST validation and the stored attributes cannot disagree. Saving
 * sends what changed; the server's problems are shown on the fields. Admins without manage-events see it read-only.
 */
export default function Settings() {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const canManage = hasAccess("manage-events");
  const [declarations, setDeclarations] = useState<SettingDeclaration[]>();
  const [saved, setSaved] = useState<Record<string, string>>();
  const [edited, setEdited] = useState<Record<string, string>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [loadError, setLoadError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [retraining, setRetraining] = useState(false);
  const [toasts, setToasts] = useState<Toast[]>([]);

  const toast = (variant: Toast["variant"], text: string) =>
    setToasts((all) => [...all, { key: Date.now() + all.length, variant, text }]);

  useEffect(() => {
    let current = true;
    Promise.all([
      vigilRequest<SettingDeclaration[]>(adminClient, "settings/declarations"),
      vigilRequest<Record<string, string>>(adminClient, "settings"),
    ])
      .then(([d, s]) => {
        if (current) {
          setDeclarations(d);
          setSaved(normalize(d, s));
          setEdited(normalize(d, s));
        }
      })
      .catch((e: Error) => current && setLoadError(e.message));
    return () => {
      current = false;
    };
  }, [adminClient, realm]);

  const clientErrors = useMemo(() => {
    const errors: Record<string, string> = {};
    for (const d of declarations ?? []) {
      const problem = checkValue(d, edited[d.name] ?? "");
      if (problem) {
        errors[d.name] = t(`vigilInvalid.${problem}`, { min: d.min, max: d.max });
      }
    }
    return errors;
  }, [declarations, edited, t]);

  if (loadError) {
    return (
      <PageSection>
        <Alert variant="danger" isInline title={t("vigilSettingsLoadFailed")}>
          {loadError}
        </Alert>
      </PageSection>
    );
  }
  if (!declarations || !saved) {
    return (
      <PageSection>
        <Spinner aria-label={t("vigilLoading")} />
      </PageSection>
    );
  }

  const pending = changes(saved, edited);
  const dirty = Object.keys(pending).length > 0;
  const set = (name: string, value: string) => {
    setEdited((e) => ({ ...e, [name]: value }));
    setServerErrors(({ [name]: _, ...rest }) => rest);
  };

  const save = async () => {
    setSaving(true);
    try {
      const result = await vigilRequest<Record<string, string>>(adminClient, "settings", {
        method: "PUT",
        body: pending,
      });
      setSaved(normalize(declarations, { ...result, geoip: saved.geoip }));
      setEdited(normalize(declarations, result));
      setServerErrors({});
      toast("success", t("vigilSettingsSaved"));
    } catch (e) {
      const err = e as VigilRequestError;
      setServerErrors(err.fieldErrors ?? {});
      toast(
        "danger",
        err.status === 403 ? t("vigilSettingsForbidden") : t("vigilSettingsNotSaved", { reason: err.message }),
      );
    } finally {
      setSaving(false);
    }
  };

  const retrain = async () => {
    setRetraining(true);
    try {
      const r = await vigilRequest<{ trained: boolean; message: string }>(adminClient, "model/retrain", {
        method: "POST",
      });
      toast(r.trained ? "success" : "danger", r.message);
    } catch (e) {
      toast("danger", (e as Error).message);
    } finally {
      setRetraining(false);
    }
  };

  const field = (d: SettingDeclaration) => {
    const id = `vigil-setting-${d.name.replace(/\./g, "-")}`;
    const value = edited[d.name] ?? "";
    const error = serverErrors[d.name] ?? clientErrors[d.name];
    const signal = weightSignal(d.name);
    const label = signal
      ? t("vigilSettingWeight", { signal })
      : t(`vigilSetting.${d.name}`, { defaultValue: d.name });
    const help = sentence(t(`vigilSettingHelp.${d.name}`, { defaultValue: d.help }));
    const validated = error ? "error" : "default";
    let input;
    if (d.kind === "BOOLEAN") {
      input = (
        <Switch
          id={id}
          data-testid={id}
          isChecked={value === "true"}
          isDisabled={!canManage}
          onChange={(_e, checked) => set(d.name, String(checked))}
          label={t("vigilOn")}
          labelOff={t("vigilOff")}
        />
      );
    } else if (d.kind === "CHOICE") {
      input = (
        <FormSelect
          id={id}
          data-testid={id}
          value={value}
          isDisabled={!canManage}
          validated={validated}
          onChange={(_e, v) => set(d.name, v)}
        >
          {(d.options ?? []).map((o) => (
            <FormSelectOption key={o} value={o} label={t(`vigilOption.${o}`, { defaultValue: o })} />
          ))}
        </FormSelect>
      );
    } else if (d.kind === "LIST") {
      input = (
        <TextArea
          id={id}
          data-testid={id}
          value={value}
          isDisabled={!canManage}
          validated={validated}
          autoResize
          onChange={(_e, v) => set(d.name, v)}
        />
      );
    } else {
      input = (
        <TextInput
          id={id}
          data-testid={id}
          value={value}
          isDisabled={!canManage}
          validated={validated}
          inputMode={d.kind === "TEXT" ? "text" : "decimal"}
          onChange={(_e, v) => set(d.name, v)}
        />
      );
    }
    return (
      <FormGroup key={d.name} label={label} fieldId={id}>
        {input}
        <FormHelperText>
          <HelperText>
            {error ? (
              <HelperTextItem variant="error" data-testid={`${id}-error`}>
                {error}
              </HelperTextItem>
            ) : null}
            <HelperTextItem>
              {help}
              {d.defaultValue !== "" ? ` ${t("vigilSettingDefault", { value: display(d, d.defaultValue) })}` : ""}
            </HelperTextItem>
          </HelperText>
        </FormHelperText>
      </FormGroup>
    );
  };

  const blocked = Object.keys(clientErrors).length > 0;
  return (
    <>
      <PageSection variant="light">
        <TextContent>
          <Title headingLevel="h1" data-testid="vigil-settings-title">
            {t("vigilSettings")}
          </Title>
          <Text>{t("vigilSettingsHelp")}</Text>
        </TextContent>
      </PageSection>
      <PageSection>
        <AlertGroup isToast isLiveRegion>
          {toasts.map((a) => (
            <Alert
              key={a.key}
              variant={a.variant}
              title={a.text}
              timeout={8000}
              onTimeout={() => setToasts((all) => all.filter((x) => x.key !== a.key))}
              actionClose={
                <AlertActionCloseButton onClose={() => setToasts((all) => all.filter((x) => x.key !== a.key))} />
              }
            />
          ))}
        </AlertGroup>
        <Alert
          variant={saved.geoip?.startsWith("off") ? "warning" : "info"}
          isInline
          title={t("vigilGeoIpStatus")}
          data-testid="vigil-geoip-status"
        >
          {saved.geoip}
        </Alert>
        {canManage ? null : (
          <Alert variant="info" isInline isPlain title={t("vigilSettingsReadOnly")} data-testid="vigil-settings-readonly" />
        )}
        <Form
          isWidthLimited
          onSubmit={(e) => {
            e.preventDefault();
            if (dirty && !blocked) void save();
          }}
        >
          {sections(declarations).map((s) => (
            <FormSection
              key={s.group}
              title={t(`vigilSection.${s.group}`, { defaultValue: s.group })}
              titleElement="h2"
              data-testid={`vigil-section-${s.group}`}
            >
              {s.group === "model" && canManage ? (
                <Text>
                  <Button variant="secondary" onClick={retrain} isLoading={retraining} data-testid="vigil-retrain">
                    {t("vigilRetrain")}
                  </Button>{" "}
                  <Text component="small">{t("vigilRetrainHelp")}</Text>
                </Text>
              ) : null}
              {s.settings.map(field)}
            </FormSection>
          ))}
          {canManage ? (
            <ActionGroup>
              <Button
                type="submit"
                variant="primary"
                isDisabled={!dirty || blocked || saving}
                isLoading={saving}
                data-testid="vigil-settings-save"
              >
                {t("vigilSave")}
              </Button>
              <Button
                variant="link"
                isDisabled={!dirty || saving}
                onClick={() => {
                  setEdited(saved);
                  setServerErrors({});
                }}
                data-testid="vigil-settings-revert"
              >
                {t("vigilRevert")}
              </Button>
            </ActionGroup>
          ) : null}
        </Form>
      </PageSection>
    </>
  );
}
