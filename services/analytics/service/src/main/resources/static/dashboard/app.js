// The Weir analytics dashboard: draws the analytics API's answers with Apache ECharts.
// The view and the filters live in the URL (?view=retail&from=2011-01&to=2011-12&country=France),
// so a view can be shared. The pipeline view polls /pipeline/health every data-refresh-ms.
// Every chart container gets data-rendered="true" once ECharts has drawn it (the browser test waits
// for that), and every figure shown in text carries its raw value in data-value.
'use strict';

(function () {
  const REFRESH_MS = Number(document.body.dataset.refreshMs) || 3000;
  const VIEWS = ['retail', 'fhrs', 'weather', 'rides', 'pipeline'];
  const FILTERS = ['from', 'to', 'country', 'authority', 'city', 'day'];
  const RATING_COLORS = { '5': '#1a9850', '4': '#66bd63', '3': '#a6d96a', '2': '#fdae61', '1': '#f46d43',
    '0': '#d73027', exempt: '#9e9ac8', awaiting_inspection: '#bdbdbd', awaiting_publication: '#969696',
    pass: '#4575b4', pass_eat_safe: '#313695', improvement_required: '#a50026', other: '#d9d9d9' };
  const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });
  const count = new Intl.NumberFormat('en-GB');
  const charts = {};
  const etags = {};
  // Where the API is: beside the page, wherever it is mounted (the service's /dashboard, or the
  // edge's /analytics/dashboard): the page's and its files' paths are relative for the same reason.
  const BASE = location.pathname.replace(/\/dashboard\/?$/, '');
  let pollTimer = null;
  let renderRun = 0;

  // -- the URL -----------------------------------------------------------------------------------
  function state() {
    const params = new URLSearchParams(location.search);
    const view = VIEWS.includes(params.get('view')) ? params.get('view') : 'retail';
    const s = { view };
    FILTERS.forEach((name) => { s[name] = params.get(name) || ''; });
    return s;
  }

  function setState(changes) {
    const s = Object.assign(state(), changes);
    const params = new URLSearchParams();
    params.set('view', s.view);
    FILTERS.forEach((name) => { if (s[name]) params.set(name, s[name]); });
    history.replaceState(null, '', location.pathname + '?' + params.toString());
    render();
  }

  function query(params) {
    const q = new URLSearchParams();
    Object.entries(params).forEach(([k, v]) => { if (v !== '' && v !== null && v !== undefined) q.set(k, v); });
    const text = q.toString();
    return text ? '?' + text : '';
  }

  // -- the API -----------------------------------------------------------------------------------
  // Conditional GETs: an answer is fetched again only when its ETag changed (304 otherwise).
  // A path of the API (BASE is put in front), or with fromRoot a link the API gave (a page's next,
  // which already names where the API is mounted).
  async function api(path, fromRoot) {
    const url = fromRoot ? path : BASE + path;
    const known = etags[url];
    const headers = { Accept: 'application/json' };
    if (known) headers['If-None-Match'] = known.etag;
    const response = await fetch(url, { headers, credentials: 'same-origin' });
    if (response.status === 304 && known) return known.body;
    const body = await response.json();
    if (!response.ok) {
      throw new Error((body && (body.detail || body.title)) || ('HTTP ' + response.status + ' for ' + path));
    }
    const etag = response.headers.get('ETag');
    if (etag) etags[url] = { etag, body };
    return body;
  }

  // Every page of a list (follows next), up to a number of pages.
  async function all(path, maxPages) {
    let items = [];
    let next = path;
    for (let page = 0; next && page < (maxPages || 20); page++) {
      const body = await api(next, page > 0);
      items = items.concat(body.items);
      next = body.next;
    }
    return items;
  }

  // -- drawing -----------------------------------------------------------------------------------
  function chart(id, option) {
    const el = document.getElementById(id);
    el.dataset.rendered = 'false';
    let instance = charts[id];
    if (!instance) {
      instance = echarts.init(el, null, { renderer: 'canvas' });
      instance.on('finished', () => { el.dataset.rendered = 'true'; });
      charts[id] = instance;
    }
    instance.setOption(Object.assign({ animation: false, grid: { containLabel: true, left: 8, right: 16, top: 36, bottom: 8 },
      tooltip: { trigger: 'axis', confine: true } }, option), true);
    // a chart with nothing to draw finishes too
    if (!option.series || option.series.every((s) => !s.data || s.data.length === 0)) {
      instance.setOption({ title: { text: 'No data', left: 'center', top: 'middle', textStyle: { color: '#999', fontSize: 14 } } });
    }
  }

  function kpi(id, value, format) {
    const el = document.getElementById(id);
    el.dataset.value = (value === null || value === undefined) ? '' : String(value);
    el.textContent = (value === null || value === undefined) ? '–' : format(value);
  }

  function table(id, columns, rows) {
    const el = document.getElementById(id);
    const head = '<tr>' + columns.map((c) => '<th' + (c.num ? ' class="num"' : '') + '>' + esc(c.title) + '</th>').join('') + '</tr>';
    const body = rows.map((row) => '<tr>' + columns.map((c) => '<td' + (c.num ? ' class="num"' : '') + '>' + esc(c.value(row)) + '</td>').join('') + '</tr>').join('');
    el.innerHTML = '<table>' + head + body + '</table>';
    el.dataset.rendered = 'true';
  }

  function esc(value) {
    return String(value === null || value === undefined ? '' : value)
      .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  function num(value) { return value === null || value === undefined ? null : Number(value); }

  function fillSelect(name, values, labelOf) {
    const select = document.querySelector('select[name="' + name + '"]');
    const keep = select.querySelector('option[value=""]');
    const current = state()[name];
    select.innerHTML = '';
    if (keep) select.appendChild(keep);
    values.forEach((value) => {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = labelOf ? labelOf(value) : value;
      select.appendChild(option);
    });
    select.value = current;
  }

  function lastDay(month) {
    const [y, m] = month.split('-').map(Number);
    return month + '-' + String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0');
  }

  // -- the views ---------------------------------------------------------------------------------
  async function retail(s) {
    const range = { from: s.from, to: s.to };
    const [monthly, countries, basket, products] = await Promise.all([
      api('/retail/revenue/monthly' + query(Object.assign({ country: s.country }, range))),
      api('/retail/revenue/countries' + query(range)),
      api('/retail/basket' + query({ from: s.from ? s.from + '-01' : '', to: s.to ? lastDay(s.to) : '', country: s.country, interval: 'month' })),
      api('/retail/products/top' + query(Object.assign({ limit: 10 }, range)))
    ]);
    fillSelect('country', countries.countries.map((c) => c.country).filter((c) => c).sort());
    kpi('retail-net', num(monthly.total.net), money.format);
    kpi('retail-sales', num(monthly.total.sales), money.format);
    kpi('retail-cancellations', num(monthly.total.cancellations), money.format);
    kpi('retail-invoices', monthly.total.invoices, count.format);
    chart('chart-retail-monthly', {
      legend: { top: 0 },
      xAxis: { type: 'category', data: monthly.months.map((m) => m.month) },
      yAxis: { type: 'value' },
      series: [
        { name: 'Sales', type: 'bar', data: monthly.months.map((m) => num(m.sales)) },
        { name: 'Cancellations', type: 'bar', data: monthly.months.map((m) => num(m.cancellations)) },
        { name: 'Net', type: 'line', data: monthly.months.map((m) => num(m.net)) }
      ]
    });
    const top = countries.countries.slice(0, 15).reverse();
    chart('chart-retail-countries', {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      xAxis: { type: 'log', name: '£ (log)', nameLocation: 'middle', nameGap: 24 },
      yAxis: { type: 'category', data: top.map((c) => c.country || '(none)') },
      series: [{ name: 'Net', type: 'bar', data: top.map((c) => ({ value: Math.max(1, num(c.net)), raw: num(c.net),
        itemStyle: { color: c.country === s.country ? '#e67e22' : '#2f6fde' } })) }]
    });
    chart('chart-retail-basket', {
      legend: { top: 0 },
      xAxis: { type: 'category', data: basket.periods.map((p) => p.period) },
      yAxis: [{ type: 'value', name: 'lines' }, { type: 'value', name: '£' }],
      series: [
        { name: 'Lines per invoice', type: 'line', data: basket.periods.map((p) => Number(p.lines.toFixed(2))) },
        { name: 'Amount per invoice', type: 'line', yAxisIndex: 1, data: basket.periods.map((p) => num(p.amount)) }
      ]
    });
    table('table-retail-products', [
      { title: '#', value: (p) => p.rank, num: true },
      { title: 'Stock code', value: (p) => p.stock_code },
      { title: 'Description', value: (p) => p.description || '' },
      { title: 'Units (net)', value: (p) => count.format(p.quantity), num: true },
      { title: 'Revenue (net)', value: (p) => money.format(num(p.revenue)), num: true }
    ], products.items);
  }

  async function fhrs(s) {
    const [authorities, low, types] = await Promise.all([
      all('/fhrs/ratings/authorities' + query({ limit: 1000 }), 5),
      api('/fhrs/authorities/low-ratings' + query({ min_rated: 20, limit: 15 })),
      api('/fhrs/ratings/business-types' + query({ authority: s.authority }))
    ]);
    fillSelect('authority', authorities.map((a) => a.authority).filter((a) => a));
    const chosen = s.authority ? authorities.filter((a) => a.authority === s.authority) : authorities;
    kpi('fhrs-establishments', chosen.reduce((t, a) => t + a.establishments, 0), count.format);
    kpi('fhrs-rated', chosen.reduce((t, a) => t + a.rated, 0), count.format);
    kpi('fhrs-low', chosen.reduce((t, a) => t + a.low, 0), count.format);
    const shown = chosen.slice().sort((a, b) => b.establishments - a.establishments).slice(0, 20).reverse();
    chart('chart-fhrs-authorities', stacked(shown.map((a) => a.authority), shown.map((a) => a.ratings)));
    const ranked = low.items.slice().reverse();
    chart('chart-fhrs-low', {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      xAxis: { type: 'value', axisLabel: { formatter: '{value} %' } },
      yAxis: { type: 'category', data: ranked.map((a) => a.authority) },
      series: [{ name: 'Low ratings', type: 'bar', data: ranked.map((a) => Number((a.share * 100).toFixed(2))),
        itemStyle: { color: '#d73027' } }]
    });
    const typesShown = types.business_types.slice(0, 15).reverse();
    chart('chart-fhrs-types', stacked(typesShown.map((t) => t.business_type || '(none)'), typesShown.map((t) => t.ratings)));
  }

  // Horizontal stacked bars: one bar per category, one series per rating.
  function stacked(categories, distributions) {
    const ratings = [];
    distributions.forEach((d) => d.forEach((r) => { if (!ratings.includes(r.rating)) ratings.push(r.rating); }));
    const order = Object.keys(RATING_COLORS);
    ratings.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return {
      legend: { top: 0, type: 'scroll' },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      grid: { containLabel: true, left: 8, right: 16, top: 40, bottom: 8 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: categories },
      series: ratings.map((rating) => ({
        name: rating, type: 'bar', stack: 'ratings', itemStyle: { color: RATING_COLORS[rating] || '#ccc' },
        data: distributions.map((d) => { const r = d.find((x) => x.rating === rating); return r ? r.establishments : 0; })
      }))
    };
  }

  async function weather(s) {
    const cities = (await api('/weather/cities')).cities;
    fillSelect('city', cities.map((c) => c.city));
    const city = s.city || (cities[0] && cities[0].city);
    if (!city) {
      chart('chart-weather-hourly', { xAxis: { type: 'time' }, yAxis: { type: 'value' }, series: [] });
      chart('chart-weather-daily', { xAxis: { type: 'category' }, yAxis: { type: 'value' }, series: [] });
      return;
    }
    document.querySelector('select[name="city"]').value = city;
    const [hours, days] = await Promise.all([
      all('/weather/hourly' + query({ city, limit: 1000 }), 20),
      api('/weather/daily' + query({ city }))
    ]);
    chart('chart-weather-hourly', {
      xAxis: { type: 'time' },
      yAxis: { type: 'value', name: '°C', scale: true },
      series: [{ name: 'Temperature', type: 'line', showSymbol: false, data: hours.map((h) => [h.time, h.temperature_c]) }]
    });
    chart('chart-weather-daily', {
      legend: { top: 0 },
      xAxis: { type: 'category', data: days.days.map((d) => d.date) },
      yAxis: { type: 'value', name: '°C', scale: true },
      series: [
        { name: 'Min', type: 'line', data: days.days.map((d) => d.min_c) },
        { name: 'Mean', type: 'line', data: days.days.map((d) => d.mean_c === null ? null : Number(d.mean_c.toFixed(2))) },
        { name: 'Max', type: 'line', data: days.days.map((d) => d.max_c) }
      ]
    });
  }

  async function rides(s) {
    const range = { from: s.day, to: s.day };
    const [hours, stations, map, summary, fleet] = await Promise.all([
      api('/rides/hourly' + query(range)),
      api('/rides/stations/busiest' + query(Object.assign({ limit: 15 }, range))),
      all('/rides/stations/busiest' + query(Object.assign({ limit: 1000 }, range)), 5),
      api('/rides/summary' + query(range)),
      api('/fleet/battery')
    ]);
    kpi('rides-trips', summary.trips, count.format);
    kpi('rides-median-duration', summary.median_duration_s, (v) => (v / 60).toFixed(1) + ' min');
    kpi('rides-median-distance', summary.median_distance_m, (v) => (v / 1000).toFixed(2) + ' km');
    kpi('fleet-vehicles', fleet.vehicles, count.format);
    chart('chart-rides-hourly', {
      xAxis: { type: 'category', data: hours.hours.map((h) => h.date.slice(5) + ' ' + String(h.hour).padStart(2, '0') + 'h') },
      yAxis: { type: 'value' },
      series: [{ name: 'Trips', type: 'bar', data: hours.hours.map((h) => h.trips) }]
    });
    const top = stations.items.slice().reverse();
    chart('chart-rides-stations', {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 0 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: top.map((t) => t.station_id) },
      series: [
        { name: 'Starts', type: 'bar', stack: 'trips', data: top.map((t) => t.starts) },
        { name: 'Ends', type: 'bar', stack: 'trips', data: top.map((t) => t.ends) }
      ]
    });
    const located = map.filter((t) => t.latitude !== null && t.longitude !== null);
    const most = located.reduce((m, t) => Math.max(m, t.total), 1);
    chart('chart-rides-map', {
      tooltip: { trigger: 'item', confine: true, formatter: (p) => 'Station ' + esc(p.data[3]) + ': ' + p.data[2] + ' trips' },
      xAxis: { type: 'value', name: 'lon', scale: true },
      yAxis: { type: 'value', name: 'lat', scale: true },
      series: [{ name: 'Stations', type: 'scatter', data: located.map((t) => [t.longitude, t.latitude, t.total, t.station_id]),
        symbolSize: (v) => 3 + 17 * Math.sqrt(v[2] / most), itemStyle: { color: '#2f6fde', opacity: 0.6 } }]
    });
    chart('chart-fleet-range', {
      xAxis: { type: 'category', data: fleet.range_km.map((b) => b.lower + '–' + (b.lower + 5)) },
      yAxis: { type: 'value' },
      series: [{ name: 'Vehicles', type: 'bar', data: fleet.range_km.map((b) => b.vehicles), itemStyle: { color: '#1a9850' } }]
    });
  }

  async function pipeline() {
    const health = await api('/pipeline/health');
    document.getElementById('pipeline-at').textContent = new Date(health.at).toLocaleTimeString('en-GB');
    document.getElementById('pipeline-at').dataset.value = health.at;
    const cards = document.getElementById('pipeline-cards');
    cards.innerHTML = health.datasets.map((d) => {
      const f = d.freshness;
      const lag = d.lag.available ? count.format(d.lag.records) : 'n/a';
      return '<div class="card" data-dataset="' + esc(d.dataset) + '"><h2>' + esc(d.dataset) + '</h2><dl>' +
        '<dt>Last load</dt><dd>' + (f.last_loaded_at ? esc(f.seconds_since_load + ' s ago') : 'never') + '</dd>' +
        '<dt>Batch freshness</dt><dd>' + (f.last_batch_freshness_ms !== null ? esc(f.last_batch_freshness_ms + ' ms') : '–') + '</dd>' +
        '<dt>Rows, last hour</dt><dd data-rows data-value="' + f.rows_last_hour + '">' + count.format(f.rows_last_hour) + '</dd>' +
        '<dt>Consumer lag</dt><dd data-value="' + (d.lag.available ? d.lag.records : '') + '" title="' + esc(d.lag.reason || '') + '">' + lag + '</dd>' +
        '<dt>Dead letters</dt><dd data-value="' + d.dead_letters.total + '">' + count.format(d.dead_letters.total) + '</dd>' +
        '<dt>Loaded rows</dt><dd>' + count.format(Object.entries(d.counts).filter(([k]) => /^loaded\..*\.inserted$/.test(k)).reduce((t, [, v]) => t + v, 0)) + '</dd>' +
        '</dl></div>';
    }).join('');
    const minutes = [];
    health.datasets.forEach((d) => d.freshness.per_minute.forEach((m) => { if (!minutes.includes(m.minute)) minutes.push(m.minute); }));
    minutes.sort();
    chart('chart-pipeline-rows', {
      legend: { top: 0 },
      xAxis: { type: 'category', data: minutes.map((m) => new Date(m).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })) },
      yAxis: { type: 'value' },
      series: health.datasets.map((d) => ({ name: d.dataset, type: 'line',
        data: minutes.map((m) => { const x = d.freshness.per_minute.find((p) => p.minute === m); return x ? x.rows : 0; }) }))
    });
    const rules = [];
    health.datasets.forEach((d) => d.dead_letters.by_rule.forEach((r) => rules.push({ label: d.dataset + ' · ' + r.rule, count: r.count })));
    rules.sort((a, b) => a.count - b.count);
    chart('chart-pipeline-dead', {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: rules.slice(-15).map((r) => r.label) },
      series: [{ name: 'Dead letters', type: 'bar', data: rules.slice(-15).map((r) => r.count), itemStyle: { color: '#c0392b' } }]
    });
    const runs = [];
    health.datasets.forEach((d) => { if (d.runs) d.runs.last.forEach((r) => runs.push(Object.assign({ connector: d.runs.connector }, r))); });
    const unavailable = health.datasets.filter((d) => d.runs && !d.runs.available).map((d) => d.runs.connector);
    table('table-pipeline-runs', [
      { title: 'Connector', value: (r) => r.connector },
      { title: 'Status', value: (r) => r.status },
      { title: 'Started', value: (r) => r.started_at ? new Date(r.started_at).toLocaleString('en-GB') : '' },
      { title: 'Records', value: (r) => count.format(r.records), num: true },
      { title: 'Dead letters', value: (r) => count.format(r.dead_letters), num: true }
    ], runs);
    if (unavailable.length && runs.length === 0) {
      document.getElementById('table-pipeline-runs').insertAdjacentHTML('beforeend',
        '<p>Runs of ' + esc(unavailable.join(', ')) + ' not available: the Ingest service did not answer.</p>');
    }
    document.getElementById('live').classList.remove('stale');
  }

  const RENDER = { retail, fhrs, weather, rides, pipeline };

  // -- wiring ------------------------------------------------------------------------------------
  async function render() {
    const s = state();
    const run = ++renderRun;
    document.querySelectorAll('nav a').forEach((a) => {
      if (a.dataset.view === s.view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    VIEWS.forEach((view) => { document.getElementById('view-' + view).hidden = view !== s.view; });
    document.querySelectorAll('#filters label').forEach((label) => { label.hidden = label.dataset.for !== s.view; });
    FILTERS.forEach((name) => {
      const input = document.querySelector('#filters [name="' + name + '"]');
      if (input && input.tagName !== 'SELECT') input.value = s[name];
    });
    document.body.dataset.view = s.view;
    document.body.dataset.ready = 'false';
    clearInterval(pollTimer);
    try {
      await RENDER[s.view](s);
      if (run !== renderRun) return;
      document.getElementById('error').hidden = true;
      resizeVisible();
      document.body.dataset.ready = 'true';
    } catch (e) {
      showError(e);
    }
    if (s.view === 'pipeline') {
      pollTimer = setInterval(() => pipeline().catch((e) => {
        document.getElementById('live').classList.add('stale');
        showError(e);
      }), REFRESH_MS);
    }
  }

  // hidden charts have no size: only the shown view's are resized
  function resizeVisible() {
    Object.values(charts).forEach((c) => { if (c.getDom().offsetParent !== null) c.resize(); });
  }

  function showError(e) {
    const el = document.getElementById('error');
    el.textContent = 'Could not load the data: ' + e.message;
    el.hidden = false;
  }

  document.querySelectorAll('nav a').forEach((a) => a.addEventListener('click', (event) => {
    event.preventDefault();
    setState({ view: a.dataset.view });
  }));
  document.getElementById('filters').addEventListener('change', (event) => {
    setState({ [event.target.name]: event.target.value });
  });
  document.getElementById('filters').addEventListener('submit', (event) => event.preventDefault());
  window.addEventListener('resize', resizeVisible);
  render();
})();
