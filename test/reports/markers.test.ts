import test from 'ava';
import { Chart } from 'chart.js';
import { segmentHitsRect } from '../../reports/markers.ts';
import { textRects } from '../../reports/figureCheck.ts';
import { renderFigure } from '../../reports/plot.ts';

const r = { left: 0, top: 0, right: 10, bottom: 10 };

test('segment–rectangle test: crossing, inside, outside, touching a corner', (t) => {
  t.true(segmentHitsRect(r, -5, 5, 15, 5));
  t.true(segmentHitsRect(r, 2, 2, 3, 3));
  t.true(segmentHitsRect(r, 4, 4, 4, 4));
  t.false(segmentHitsRect(r, -5, -1, 15, -1));
  t.false(segmentHitsRect(r, 11, 0, 20, 10));
  t.true(segmentHitsRect(r, -1, 1, 1, -1));
});

test('a marker label is placed off the curve that runs along the top of the plot', async (t) => {
  // Capture the chart's text rectangles while it is alive.
  let rects: ReturnType<typeof textRects> = [];
  let curveTop = 0;
  const destroy = Chart.prototype.destroy;
  Chart.prototype.destroy = function (this: Chart) {
    rects = textRects(this).filter((x) => x.text === 'exit');
    curveTop = Math.max(...this.getDatasetMeta(0).data.map((p) => p.y));
    destroy.call(this);
  };
  try {
    await renderFigure(
      { title: 'Marker', xLabel: 't', yLabel: 'y', series: [{ label: 'flat', x: [0, 10], y: [1, 1] }, { label: 'low', x: [0, 10], y: [0, 0.1] }], yMin: 0, yMax: 1.05, markers: [{ x: 5, label: 'exit' }] },
      'png',
    );
  } finally {
    Chart.prototype.destroy = destroy;
  }
  t.is(rects.length, 1);
  t.true(rects[0].top > curveTop, `label top ${rects[0].top} below the curve at ${curveTop}`);
});
