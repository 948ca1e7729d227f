// The page: one EventSource on /events, each message the whole snapshot (RiskAggregate.write); the charts are uPlot,
// served from its webjar with the page, so nothing is fetched from the network.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const fmt = new Intl.NumberFormat('en-US', {maximumFractionDigits: 0});
  const fmt2 = new Intl.NumberFormat('en-US', {maximumFractionDigits: 2});
  const fmt4 = new Intl.NumberFormat('en-US', {maximumSignificantDigits: 6});
  const num = (v, f) => (v === null || v === undefined) ? '-' : (f || fmt2).format(v);
  const time = (ns) => ns > 0 ? new Date(ns / 1e6).toISOString().replace('T', ' ').replace('Z', '') : '-';
  let updates = 0;
  let ratioChart = null;
  let fundChart = null;
  let ratioLabels = [];

  function width(el) {
    return Math.max(300, el.clientWidth - 8);
  }

  function makeRatioChart(labels) {
    const el = $('ratio-chart');
    ratioLabels = labels;
    return new uPlot({
      width: width(el), height: 240,
      scales: {x: {time: false, range: [-0.5, labels.length - 0.5]}, y: {range: (u, min, max) => [0, Math.max(1, max)]}},
      axes: [
        {values: (u, splits) => splits.map((i) => Number.isInteger(i) ? (ratioLabels[i] || '') : ''),
          splits: () => ratioLabels.map((l, i) => i)},
        {size: 60}
      ],
      legend: {show: false},
      cursor: {show: false},
      series: [{}, {label: 'accounts', fill: 'rgba(33, 102, 172, 0.7)', stroke: '#2166ac',
        paths: uPlot.paths.bars({size: [0.8, 80]}), points: {show: false}}]
    }, [labels.map((l, i) => i), labels.map(() => 0)], el);
  }

  function makeFundChart() {
    const el = $('fund-chart');
    return new uPlot({
      width: width(el), height: 240,
      scales: {x: {time: true}},
      axes: [{}, {size: 90}],
      legend: {show: false},
      series: [{}, {label: 'balance (USD)', stroke: '#1b7837', width: 2, points: {show: false}}]
    }, [[], []], el);
  }

  function rows(tbody, items, cells) {
    tbody.replaceChildren(...items.map((item) => {
      const tr = document.createElement('tr');
      for (const [text, cls] of cells(item)) {
        const td = document.createElement('td');
        td.textContent = text;
        if (cls) {
          td.className = cls;
        }
        tr.appendChild(td);
      }
      return tr;
    }));
  }

  function render(s) {
    updates++;
    const badge = $('connection');
    badge.textContent = s.connected ? 'engine connected' : 'engine not connected';
    badge.className = 'badge ' + (s.connected ? 'live' : 'down');
    $('engine-time').textContent = time(s.engineTimeNs);
    $('accounts-count').textContent = fmt.format(s.accounts.count);
    $('frames').textContent = fmt.format(s.frames);
    $('checks').textContent = fmt.format(s.checksAccepted) + ' accepted, ' + fmt.format(s.checksRejected) + ' rejected';
    $('rejects').textContent = fmt.format(s.rejects);
    $('updates').textContent = fmt.format(updates);

    const a = s.accounts;
    if (!ratioChart) {
      ratioChart = makeRatioChart(a.ratioBins);
    }
    ratioChart.setData([a.ratioBins.map((l, i) => i), a.ratioCounts]);
    const states = Object.entries(a.states).map(([k, v]) => k + ' ' + fmt.format(v)).join(', ');
    $('ratio-note').textContent = states + '; no maintenance margin ' + fmt.format(a.noMaintenanceMargin) +
      (a.overCapacity > 0 ? '; beyond capacity ' + fmt.format(a.overCapacity) : '');

    rows($('closest').tBodies[0], s.closest, (c) => [[String(c.accountId)], [num(c.ratio, fmt4)], [num(c.equity)],
      [num(c.maintenanceMargin)], [c.state, 'state-' + c.state]]);

    const l = s.liquidations;
    $('liquidations-in-progress').textContent = fmt.format(l.inProgress);
    $('auctions-in-progress').textContent = fmt.format(l.auctions);
    $('liquidation-stages').textContent = Object.entries(l.stages).filter(([, v]) => v > 0)
      .map(([k, v]) => k.toLowerCase().replace(/_/g, ' ') + ' ' + fmt.format(v)).join(', ') || 'no liquidation yet';
    rows($('liquidations').tBodies[0], l.active, (x) => [[String(x.liquidationId)], [String(x.accountId)],
      [x.auction ? x.stage + ' (auction)' : x.stage], [String(x.step)], [num(x.equity)], [num(x.maintenanceMargin)],
      [x.untilNs > 0 ? time(x.untilNs) : '-']]);

    const f = s.insuranceFund;
    $('fund-balance').textContent = f.balance === null ? '-' : num(f.balance, fmt) + ' USD';
    if (!fundChart) {
      fundChart = makeFundChart();
    }
    fundChart.setData([f.timeNs.map((t) => t / 1e9), f.balances]);

    rows($('oracle').tBodies[0], s.oracle.assets, (o) => [[String(o.assetId)], [o.status, 'status-' + o.status],
      [o.cause.toLowerCase().replace(/_/g, ' ')], [num(o.index, fmt4)],
      [o.candidate === o.index ? '=' : num(o.candidate, fmt4)], [o.sourcesUsed + '/' + o.sourcesFresh],
      [o.spread === null ? '-' : (o.spread * 100).toFixed(3) + '%'], [(o.oldestAgeNs / 1e9).toFixed(1) + ' s'],
      [String(o.degradedEvents)]]);

    const p = s.parameters;
    $('parameter-version').textContent = String(p.version);
    rows($('effective').tBodies[0], p.effective, (e) => [[String(e.assetId)], [num(e.priceRange, fmt4)],
      [num(e.haircutScale, fmt4)]]);
    rows($('pending').tBodies[0], p.pending, (c) => [[String(c.version)], [time(c.effectiveNs)], [c.parameter],
      [String(c.assetId)], [String(c.index)], [num(c.value, fmt4)], [num(c.value2, fmt4)]]);
    rows($('recent').tBodies[0], p.recent.slice().reverse(), (c) => [[String(c.version)], [c.status], [c.parameter],
      [String(c.assetId)], [String(c.index)], [num(c.value, fmt4)], [num(c.value2, fmt4)]]);
    document.body.dataset.updates = String(updates);
  }

  const events = new EventSource('events');
  events.onmessage = (e) => render(JSON.parse(e.data));
  events.onerror = () => {
    const badge = $('connection');
    badge.textContent = 'dashboard not reachable';
    badge.className = 'badge down';
  };
  window.addEventListener('resize', () => {
    if (ratioChart) {
      ratioChart.setSize({width: width($('ratio-chart')), height: 240});
    }
    if (fundChart) {
      fundChart.setSize({width: width($('fund-chart')), height: 240});
    }
  });
})();
