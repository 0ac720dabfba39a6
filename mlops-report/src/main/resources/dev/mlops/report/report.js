/*
 * mlops-report: renders the report's JSON data (script#mlops-report-data) into the page.
 * Every text goes in with textContent, never as markup. Every chart element gets
 * data-chart-rendered, data-chart-points, data-chart-series and data-chart-empty-series, and the
 * body data-charts-total / data-charts-rendered, so a browser test (or a person with the developer
 * tools open) can tell a drawn chart from a failed or empty one.
 */
(function () {
  'use strict';
  var doc = JSON.parse(document.getElementById('mlops-report-data').textContent);
  var root = document.getElementById('report');
  var instances = [];
  var PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452', '#9a60b4', '#ea7ccc'];
  var STATUS = {
    PASSED: 'ok', OK: 'ok', PASS: 'ok', PROMOTE: 'ok', PROMOTION: 'ok', PROBATION_PASSED: 'ok',
    FAILED: 'bad', FAIL: 'bad', DRIFT: 'bad', ERROR: 'bad', REJECT: 'bad', REJECTION: 'bad', ROLLBACK: 'bad',
    RETRAIN_FAILED: 'bad', WARNED: 'warn', WARN: 'warn', INSUFFICIENT_DATA: 'warn', UNDEFINED: 'warn',
    INCONCLUSIVE: 'warn', REFERENCE_CHANGE: 'neutral', RETRAIN: 'neutral'
  };
  var DRIFT_CODE = {OK: 0, DRIFT: 1};
  var MARKER_COLOUR = {PROMOTION: '#3ba272', ROLLBACK: '#c62828', REJECTION: '#b26a00', RETRAIN: '#5f6670',
    RETRAIN_FAILED: '#c62828', REFERENCE_CHANGE: '#3a5bc7'};
  var AREA_COLOURS = ['rgba(84,112,198,0.05)', 'rgba(250,200,88,0.12)'];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function fmt(v) {
    if (v === null || v === undefined) { return '\u2013'; }
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e6)) { return v.toExponential(3); }
    return a >= 100 ? v.toFixed(1) : v.toFixed(4);
  }

  function fmtP(p) {
    if (p === null || p === undefined) { return '\u2013'; }
    return p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
  }

  function statusClass(s) {
    return STATUS[String(s).toUpperCase()] || 'neutral';
  }

  function statusSpan(s) {
    return el('span', 'status ' + statusClass(s), s);
  }

  // ----------------------------------------------------------------------------------- header

  function header() {
    var h = el('header');
    h.appendChild(el('h1', null, doc.title));
    h.appendChild(el('p', 'meta', 'generated ' + doc.generated + ' by mlops-java'));
    if (doc.description) { h.appendChild(el('p', 'description', doc.description)); }
    if (doc.story.length) {
      var ul = el('ul', 'story');
      doc.story.forEach(function (line) { ul.appendChild(el('li', null, line)); });
      h.appendChild(ul);
    }
    var badges = el('div', 'badges');
    doc.badges.forEach(function (b) {
      var span = el('span', 'badge ' + b.kind);
      span.appendChild(el('b', null, b.label + ' '));
      span.appendChild(document.createTextNode(b.text));
      badges.appendChild(span);
    });
    h.appendChild(badges);
    var nav = el('nav', 'toc');
    doc.sections.forEach(function (s) {
      var a = el('a', null, s.title);
      a.href = '#' + s.id;
      nav.appendChild(a);
    });
    h.appendChild(nav);
    root.appendChild(h);
  }

  // ----------------------------------------------------------------------------------- blocks

  function table(block) {
    var t = el('table', 'data');
    var head = el('tr');
    block.columns.forEach(function (c) { head.appendChild(el('th', null, c)); });
    t.appendChild(el('thead')).appendChild(head);
    var body = el('tbody');
    block.rows.forEach(function (row) {
      var tr = el('tr');
      row.forEach(function (cell) { tr.appendChild(td(cell)); });
      body.appendChild(tr);
    });
    t.appendChild(body);
    return t;
  }

  function td(cell) {
    if (typeof cell === 'string') { return el('td', null, cell); }
    if ('s' in cell) { var c = el('td'); c.appendChild(statusSpan(cell.s)); return c; }
    if ('n' in cell) { return el('td', 'num', fmt(cell.n)); }
    if ('c' in cell) { return el('td', 'num', cell.c < 0 ? '' : String(cell.c)); }
    if ('p' in cell) { return el('td', 'num', fmtP(cell.p)); }
    if ('ci' in cell) {
      var lo = cell.ci[0];
      var hi = cell.ci[1];
      return el('td', 'num', lo === null || hi === null ? '\u2013' : '[' + fmt(lo) + ', ' + fmt(hi) + ']');
    }
    return el('td', null, '');
  }

  function block(container, b) {
    switch (b.type) {
      case 'text': container.appendChild(el('p', null, b.text)); break;
      case 'note': container.appendChild(el('p', 'note', b.text)); break;
      case 'heading': container.appendChild(el('h3', null, b.text)); break;
      case 'list': {
        var ul = el('ul', 'reasons');
        b.items.forEach(function (i) { ul.appendChild(el('li', null, i)); });
        container.appendChild(ul);
        break;
      }
      case 'table': container.appendChild(table(b)); break;
      case 'grid': {
        var grid = el('div', 'grid');
        container.appendChild(grid);
        b.charts.forEach(function (c) { chart(grid, c); });
        break;
      }
      case 'drift': driftExplorer(container, b); break;
      default: console.warn('mlops report: unknown block ' + b.type);
    }
  }

  // ----------------------------------------------------------------------------------- charts

  function chart(container, c) {
    var build = BUILDERS[c.kind];
    return mount(container, c.kind, c.title, build ? build(c) : null, c.height);
  }

  function mount(container, kind, title, option, height) {
    var div = el('div', 'chart');
    div.setAttribute('data-kind', kind);
    div.setAttribute('role', 'img');
    div.setAttribute('aria-label', title);
    if (height) { div.style.height = height + 'px'; }
    container.appendChild(div);
    try {
      if (!option) { throw new Error('unknown chart kind ' + kind); }
      var instance = echarts.init(div, null, {renderer: 'svg'});
      instance.setOption(option);
      instances.push(instance);
      verify(div, instance);
      return instance;
    } catch (e) {
      div.setAttribute('data-chart-rendered', 'false');
      div.textContent = 'This chart could not be drawn: ' + e;
      console.error('mlops report: chart ' + kind + ' failed: ' + e);
      return null;
    }
  }

  /** Counts what the chart really holds after setOption: points per series, series without any. */
  function verify(div, instance) {
    var series = instance.getOption().series || [];
    var points = 0;
    var empty = 0;
    series.forEach(function (s) {
      var n = 0;
      (s.data || []).forEach(function (d) {
        var v = d !== null && typeof d === 'object' && !Array.isArray(d) ? d.value : d;
        if (v !== null && v !== undefined && v !== '-' && !(Array.isArray(v) && v.some(function (x) { return x === null; }))) {
          n++;
        }
      });
      if (n === 0) { empty++; }
      points += n;
    });
    div.setAttribute('data-chart-rendered', 'true');
    div.setAttribute('data-chart-points', String(points));
    div.setAttribute('data-chart-series', String(series.length));
    div.setAttribute('data-chart-empty-series', String(empty));
  }

  function base(title) {
    return {
      animation: false,
      title: {text: title, left: 'center', textStyle: {fontSize: 13}},
      legend: {top: 26, type: 'scroll'},
      tooltip: {trigger: 'item'},
      grid: {left: 64, right: 30, top: 64, bottom: 56}
    };
  }

  function unitAxes(o, xName, yName) {
    o.xAxis = {type: 'value', name: xName, nameLocation: 'middle', nameGap: 28, min: 0, max: 1};
    o.yAxis = {type: 'value', name: yName, min: 0, max: 1};
    return o;
  }

  function zip(x, y) {
    return x.map(function (v, i) { return [v, y[i]]; });
  }

  function line(name, data, colour, dashed) {
    return {type: 'line', name: name, showSymbol: false, data: data,
      lineStyle: {color: colour, type: dashed ? 'dashed' : 'solid', width: dashed ? 1 : 2}, itemStyle: {color: colour}};
  }

  function extent(points, index) {
    var lo = Infinity;
    var hi = -Infinity;
    points.forEach(function (p) { lo = Math.min(lo, p[index]); hi = Math.max(hi, p[index]); });
    return [lo, hi];
  }

  /** A category axis of windows, with the reference periods as labelled bands and the events as labelled lines. */
  function timeline(c, title, yName) {
    var o = base(title);
    o.tooltip = {trigger: 'axis'};
    o.grid = {left: 64, right: 30, top: 84, bottom: 48};
    o.xAxis = {type: 'category', data: c.windows, axisLabel: {fontSize: 10}};
    o.yAxis = {type: 'value', name: yName, scale: true};
    o.series = [];
    return o;
  }

  function decorate(c, s) {
    var areas = [];
    c.references.forEach(function (r, i) {
      areas.push([{name: r.label, xAxis: r.from, itemStyle: {color: AREA_COLOURS[i % 2]}}, {xAxis: r.to}]);
    });
    if (c.references.length > 1 || (c.references.length === 1 && c.references[0].label)) {
      s.markArea = {silent: true, label: {position: 'insideTop', fontSize: 10, color: '#3a5bc7'}, data: areas};
    }
    var lines = (s.markLine && s.markLine.data) || [];
    c.markers.forEach(function (m, i) {
      // Above the plot, every other one a line higher, so neighbouring labels do not cover each other.
      lines.push({xAxis: m.window, lineStyle: {color: MARKER_COLOUR[m.kind] || '#5f6670', type: 'solid', width: 2},
        label: {formatter: m.text, position: 'end', distance: i % 2 === 0 ? 3 : 15, fontSize: 10,
          color: MARKER_COLOUR[m.kind] || '#5f6670'}});
    });
    s.markLine = {symbol: 'none', silent: true, data: lines};
    return s;
  }

  function flaggedPoints(values, flagged) {
    return values.map(function (v, i) {
      return flagged && flagged[i] ? {value: v, itemStyle: {color: '#ee6666'}, symbolSize: 10} : v;
    });
  }

  var BUILDERS = {
    roc: function (c) {
      var o = unitAxes(base(c.title), 'false-positive rate', 'true-positive rate');
      o.series = [line('model' + (c.area ? ' (' + c.area + ')' : ''), zip(c.x, c.y), PALETTE[0], false),
        line('chance', [[0, 0], [1, 1]], '#999', true)];
      return o;
    },
    pr: function (c) {
      var o = unitAxes(base(c.title), 'recall', 'precision');
      var s = line('model' + (c.area ? ' (' + c.area + ')' : ''), zip(c.x, c.y), PALETTE[1], false);
      s.step = 'end';
      o.series = [s];
      if (c.prevalence !== null) { o.series.push(line('no skill', [[0, c.prevalence], [1, c.prevalence]], '#999', true)); }
      return o;
    },
    confusion: function (c) {
      var o = base(c.title);
      var data = [];
      var max = 1;
      c.counts.forEach(function (row, i) {
        row.forEach(function (v, j) { data.push([j, i, v]); max = Math.max(max, v); });
      });
      o.xAxis = {type: 'category', data: c.classes, name: 'predicted', nameLocation: 'middle', nameGap: 28};
      o.yAxis = {type: 'category', data: c.classes, name: 'actual', inverse: true};
      o.grid = {left: 100, right: 30, top: 60, bottom: 90};
      o.visualMap = {min: 0, max: max, calculable: false, orient: 'horizontal', left: 'center', bottom: 5,
        inRange: {color: ['#f2f6fc', '#5470c6']}};
      o.series = [{type: 'heatmap', name: 'rows', data: data, label: {show: true}}];
      return o;
    },
    calibration: function (c) {
      var o = unitAxes(base(c.title), 'mean predicted probability', 'fraction of positives');
      var s = line('model', c.x.map(function (x, i) { return [x, c.y[i], c.counts[i]]; }), PALETTE[3], false);
      s.showSymbol = true;
      o.series = [s, line('perfectly calibrated', [[0, 0], [1, 1]], '#999', true)];
      return o;
    },
    'predicted-actual': function (c) {
      var o = base(c.title);
      o.xAxis = {type: 'value', name: 'predicted', nameLocation: 'middle', nameGap: 28, scale: true};
      o.yAxis = {type: 'value', name: 'actual', scale: true};
      var r = extent(c.points, 0);
      o.series = [{type: 'scatter', name: 'rows', symbolSize: 3, data: c.points, itemStyle: {color: PALETTE[0], opacity: 0.5}},
        line('actual = predicted', [[r[0], r[0]], [r[1], r[1]]], '#ee6666', true)];
      return o;
    },
    residuals: function (c) {
      var o = base(c.title);
      o.xAxis = {type: 'value', name: 'predicted', nameLocation: 'middle', nameGap: 28, scale: true};
      o.yAxis = {type: 'value', name: 'residual', scale: true};
      var r = extent(c.points, 0);
      o.series = [{type: 'scatter', name: 'rows', symbolSize: 3, data: c.points, itemStyle: {color: PALETTE[0], opacity: 0.5}},
        line('zero', [[r[0], 0], [r[1], 0]], '#ee6666', true)];
      return o;
    },
    bar: function (c) {
      var o = base(c.title);
      o.tooltip = {trigger: 'axis'};
      o.xAxis = {type: 'category', data: c.categories, axisLabel: {rotate: c.categories.length > 6 ? 30 : 0, fontSize: 10}};
      o.yAxis = {type: 'value'};
      o.series = c.series.map(function (s, i) {
        return {type: 'bar', name: s.name, data: s.values, barGap: '10%', itemStyle: {color: PALETTE[i % PALETTE.length]}};
      });
      return o;
    },
    line: function (c) {
      var o = base(c.title);
      o.tooltip = {trigger: 'axis'};
      o.xAxis = {type: 'category', data: c.categories};
      o.yAxis = {type: 'value', scale: true};
      o.series = c.series.map(function (s, i) {
        return {type: 'line', name: s.name, data: s.values, connectNulls: false, itemStyle: {color: PALETTE[i % PALETTE.length]}};
      });
      return o;
    },
    'drift-share': function (c) {
      var o = timeline(c, c.title, 'share');
      o.yAxis = {type: 'value', name: 'share', min: 0, max: 1};
      var s = c.series[0];
      var series = {type: 'line', name: s.name, data: flaggedPoints(s.values, c.flagged), symbolSize: 7,
        itemStyle: {color: PALETTE[0]}};
      if (c.threshold !== null) {
        series.markLine = {data: [{yAxis: c.threshold, lineStyle: {color: '#ee6666', type: 'dashed'},
          label: {formatter: 'dataset drift at ' + fmt(c.threshold), position: 'insideStartTop', fontSize: 10}}]};
      }
      o.series.push(decorate(c, series));
      return o;
    },
    'target-drift': function (c) {
      var o = timeline(c, c.title, 'effect size');
      o.yAxis.min = 0;
      c.series.forEach(function (s, i) {
        var series = {type: 'line', name: s.name, data: flaggedPoints(s.values, s.flagged), symbolSize: 7,
          itemStyle: {color: PALETTE[(i + 3) % PALETTE.length]}};
        o.series.push(i === 0 ? decorate(c, series) : series);
      });
      return o;
    },
    performance: function (c) {
      var o = timeline(c, c.title, 'value');
      c.series.forEach(function (s, i) {
        var colour = s.estimated ? '#9a60b4' : PALETTE[0];
        var hasBand = s.lower.some(function (v, k) { return v !== null && s.upper[k] !== null; });
        if (hasBand) {
          var stack = 'band-' + i;
          o.series.push({type: 'line', name: s.name + ' interval', stack: stack, data: s.lower, symbol: 'none',
            lineStyle: {opacity: 0}, itemStyle: {color: colour}, tooltip: {show: false}, connectNulls: false});
          o.series.push({type: 'line', name: s.name + ' interval', stack: stack, symbol: 'none', lineStyle: {opacity: 0},
            itemStyle: {color: colour}, areaStyle: {color: colour, opacity: 0.18}, connectNulls: false,
            data: s.upper.map(function (u, k) { return u === null || s.lower[k] === null ? null : u - s.lower[k]; })});
        }
        var series = {type: 'line', name: s.name, data: s.values, symbolSize: 6, connectNulls: false,
          itemStyle: {color: colour}, lineStyle: {color: colour, type: s.estimated ? 'dashed' : 'solid'}};
        o.series.push(i === 0 ? decorate(c, series) : series);
      });
      return o;
    },
    'residual-box': function (c) {
      var o = timeline(c, c.title, 'residual');
      o.tooltip = {trigger: 'item'};
      var box = {type: 'boxplot', name: 'residuals', itemStyle: {color: '#e8edf9', borderColor: PALETTE[0]},
        data: c.quantiles.map(function (q) { return q === null ? '-' : q; })};
      o.series.push(decorate(c, box));
      return o;
    },
    'predicted-actual-windows': function (c) {
      var o = base(c.title);
      o.xAxis = {type: 'value', name: 'predicted', nameLocation: 'middle', nameGap: 28, scale: true};
      o.yAxis = {type: 'value', name: 'actual', scale: true};
      var selected = {};
      var all = [];
      c.series.forEach(function (s, i) {
        selected[s.name] = i === 0 || i === c.series.length - 1;
        all = all.concat(s.points);
      });
      o.legend.selected = selected;
      o.series = c.series.map(function (s, i) {
        return {type: 'scatter', name: s.name, symbolSize: 3, data: s.points,
          itemStyle: {color: PALETTE[i % PALETTE.length], opacity: 0.6}};
      });
      var r = extent(all, 0);
      o.series.push(line('actual = predicted', [[r[0], r[0]], [r[1], r[1]]], '#ee6666', true));
      return o;
    },
    histogram: function (c) {
      var o = base(c.title);
      o.tooltip = {trigger: 'axis', valueFormatter: function (v) { return v === null ? '\u2013' : (100 * v).toFixed(1) + '%'; }};
      o.grid = {left: 60, right: 20, top: 64, bottom: 80};
      o.xAxis = {type: 'category', data: c.bins, axisLabel: {rotate: c.bins.length > 6 ? 35 : 0, fontSize: 10}};
      o.yAxis = {type: 'value', name: 'share of values'};
      // Side by side, never on top of each other: equal shares show as two equal bars.
      o.series = [
        {type: 'bar', name: 'reference', data: c.reference, barGap: '5%', itemStyle: {color: '#9aa3b2'}},
        {type: 'bar', name: c.window + ' (n = ' + c.n + ')', data: c.current,
          itemStyle: {color: c.status === 'DRIFT' ? '#ee6666' : PALETTE[0]}}
      ];
      return o;
    },
    'drift-heatmap': function (c) {
      var o = base(c.title);
      o.legend = {show: false};
      o.grid = {left: 150, right: 30, top: 40, bottom: 90};
      o.xAxis = {type: 'category', data: c.windows, splitArea: {show: true}, axisLabel: {fontSize: 10}};
      o.yAxis = {type: 'category', data: c.features, inverse: true, axisLabel: {fontSize: 11, width: 130, overflow: 'truncate'}};
      o.visualMap = {type: 'piecewise', dimension: 2, orient: 'horizontal', left: 'center', bottom: 5,
        pieces: [{value: 0, label: 'no drift', color: '#d9efd9'}, {value: 1, label: 'drift', color: '#ee6666'},
          {value: 2, label: 'insufficient data or error', color: '#d0d4da'}]};
      o.tooltip = {trigger: 'item', formatter: function (p) {
        var cell = c.cells[p.dataIndex];
        var lines = [c.features[cell.f] + ' in ' + c.windows[cell.w] + ': ' + cell.status
            + (cell.fired && cell.fired.length ? ' (fired: ' + cell.fired.join(', ') + ')' : ''),
          cell.test + ' ' + fmt(cell.statistic) + (cell.p === null ? '' : ', p = ' + fmtP(cell.p))
            + ', threshold ' + fmt(cell.threshold) + ', effect size ' + fmt(cell.effect)];
        if (cell.scale) {
          lines.push('scale check: ' + scaleText(cell.scale) + ', p = ' + fmtP(cell.scale.p));
        }
        return lines.map(escapeText).join('<br>');
      }};
      o.series = [{type: 'heatmap', name: 'drift', data: c.cells.map(function (cell) {
        var code = cell.status in DRIFT_CODE ? DRIFT_CODE[cell.status] : 2;
        return [cell.w, cell.f, code, cell.effect === null ? '' : cell.effect.toFixed(2)];
      }), label: {show: true, fontSize: 9, formatter: function (p) { return p.data[3]; }}}];
      return o;
    }
  };

  // The scale check of a numeric feature: its log sd ratio against its calibrated band.
  function scaleText(s) {
    if (!s) { return '\u2013'; }
    return 'log sd ratio ' + fmt(s.logSdRatio) + (s.status === 'DRIFT' ? ' outside ' : ' inside ')
      + '[' + fmt(s.lower) + ', ' + fmt(s.upper) + ']';
  }

  function escapeText(s) {
    var d = document.createElement('div');
    d.textContent = s;
    return d.innerHTML;
  }

  // ---------------------------------------------------------------------- the drift explorer

  function driftExplorer(container, b) {
    var heat = Object.assign({}, b, {kind: 'drift-heatmap',
      title: 'Drift by feature and window (cell: effect size; click a cell for its histograms)',
      height: Math.max(320, 130 + 26 * b.features.length)});
    var heatmap = chart(container, heat);
    var controls = el('div', 'controls');
    controls.appendChild(el('label', null, 'Histograms of window '));
    var select = el('select');
    select.setAttribute('aria-label', 'window');
    b.windows.forEach(function (w, i) {
      var opt = el('option', null, w + (b.info[i].drifted ? ' (drifted)' : ''));
      opt.value = String(i);
      select.appendChild(opt);
    });
    controls.appendChild(select);
    var about = el('span', 'note');
    controls.appendChild(about);
    container.appendChild(controls);
    var tableHolder = el('div');
    container.appendChild(tableHolder);
    var grid = el('div', 'grid');
    container.appendChild(grid);
    var shown = [];

    function show(w) {
      select.value = String(w);
      var info = b.info[w];
      about.textContent = info.records + ' rows, ' + info.start + ' to ' + info.end
        + (info.servedBy ? ', served by ' + info.servedBy : '') + (info.reference ? ', reference: ' + info.reference : '');
      shown.forEach(function (i) { instances.splice(instances.indexOf(i), 1); i.dispose(); });
      shown = [];
      tableHolder.textContent = '';
      grid.textContent = '';
      var cells = b.cells.filter(function (c) { return c.w === w; });
      // Two checks per numeric feature: the distribution test (statistic against threshold) and the
      // scale check (log sd ratio against its band); "fired by" names the ones that decided.
      tableHolder.appendChild(table({columns: ['feature', 'test', 'statistic', 'p-value', 'threshold',
        'scale check', 'scale p-value', 'effect size', 'n', 'status', 'fired by', 'reason'], rows: cells.map(function (c) {
        return [b.features[c.f], c.test, {n: c.statistic}, {p: c.p}, {n: c.threshold}, scaleText(c.scale),
          {p: c.scale ? c.scale.p : null}, {n: c.effect}, {c: c.n}, {s: c.status},
          c.fired && c.fired.length ? c.fired.join(', ') : '\u2013', c.reason];
      })}));
      var histograms = b.histograms.filter(function (h) { return h.w === w; });
      if (!histograms.length) {
        grid.appendChild(el('p', 'note', 'No values of this window were kept: give the window\'s values '
          + '(MonitoringWindow.Builder.values) or configure the monitor\'s quantile sketch to see its histograms.'));
      }
      histograms.forEach(function (h) {
        var cell = cells.filter(function (c) { return b.features[c.f] === h.feature; })[0];
        var instance = chart(grid, {kind: 'histogram', title: h.feature + ': reference vs ' + b.windows[w]
            + (h.source === 'values' ? '' : ' (from the ' + h.source + ')'),
          bins: h.bins, reference: h.reference, current: h.current, n: h.n, window: b.windows[w],
          status: cell ? cell.status : ''});
        if (instance) { shown.push(instance); }
      });
      counts();
    }

    select.addEventListener('change', function () { show(Number(select.value)); });
    if (heatmap) {
      heatmap.on('click', function (p) {
        show(b.cells[p.dataIndex].w);
        grid.scrollIntoView({behavior: 'smooth', block: 'start'});
      });
    }
    var fromHash = /window=(\d+)/.exec(location.hash);
    var first = fromHash ? Math.min(Number(fromHash[1]), b.windows.length - 1) : b.selected;
    show(first);
  }

  // ------------------------------------------------------------------------------------- main

  function counts() {
    var all = document.querySelectorAll('div.chart');
    var ok = document.querySelectorAll('div.chart[data-chart-rendered=true]');
    document.body.setAttribute('data-charts-total', String(all.length));
    document.body.setAttribute('data-charts-rendered', String(ok.length));
  }

  header();
  doc.sections.forEach(function (s) {
    var section = el('section');
    section.id = s.id;
    section.appendChild(el('h2', null, s.title));
    root.appendChild(section);
    s.blocks.forEach(function (b) { block(section, b); });
  });
  counts();
  window.addEventListener('resize', function () {
    instances.forEach(function (c) { c.resize(); });
  });
})();
