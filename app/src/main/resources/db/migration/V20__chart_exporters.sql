-- Chart exporters an admin configured: a ChartExporter plugin with the settings for one EHR, one of them the default.

create table chart_exporter (
    id              varchar(40)   primary key,
    plugin_id       varchar(60)   not null,
    display_name    varchar(200)  not null,
    is_default      boolean       not null,
    enabled         boolean       not null,
    created_at      timestamp(6) with time zone not null,
    version         bigint        not null
);

-- Settings (secrets included) in a table of their own, like line_setting, so encryption at rest can convert
-- setting_value alone; 8000 characters leave room for an encrypted private key.
create table chart_exporter_setting (
    exporter_id     varchar(40)   not null references chart_exporter (id) on delete cascade,
    name            varchar(100)  not null,
    setting_value   varchar(8000) not null,
    primary key (exporter_id, name)
);
