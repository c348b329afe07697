import { TestBed } from '@angular/core/testing';
import { Role } from '@tunedesk/contracts';
import { makeMe } from '../testing/auth-testing';
import { queueParams } from './queue.api';
import { canWork, isTyping, parseQueueKey, proposalQueryParams, queueKey, worksQueues } from './queue-labels';
import { QUEUE_ORDER_STORAGE_KEY, QueueOrderService } from './queue-order.service';
import { reassignTargets } from './queue-reassign-form.component';
import { makeQueueItem } from './queue-testing';

describe('queueParams', () => {
  it('leaves out what is not set and sends the rest in a fixed order', () => {
    expect(queueParams({}).toString()).toBe('');
    expect(
      queueParams({
        unit: 'triage',
        q: ' 刷卡 ',
        category: '房屋稅',
        recurring: true,
        status: 'open',
        kind: 'cluster',
        cycle: 4,
      }).toString(),
    ).toBe('cycle=4&kind=cluster&status=open&recurring=true&category=%E6%88%BF%E5%B1%8B%E7%A8%85&q=%E5%88%B7%E5%8D%A1&unit=triage');
    expect(queueParams({ recurring: false, q: '  ', category: '', cycle: 0 }).toString()).toBe('');
  });
});

describe('queue labels', () => {
  it('lets a contact work their own unit’s items, the group leader every item and the triage queue, and nobody else', () => {
    const contact = makeMe({ roles: [Role.KnowledgeContact], unitCode: 'HT' });
    const leader = makeMe({ roles: [Role.GroupLeader], unitCode: 'SV' });
    const head = makeMe({ roles: [Role.UnitHead], unitCode: 'HT' });
    expect(canWork(contact, { unitCode: 'HT' })).toBe(true);
    expect(canWork(contact, { unitCode: 'LV' })).toBe(false);
    expect(canWork(contact, { unitCode: null })).toBe(false);
    expect(canWork(leader, { unitCode: 'LV' })).toBe(true);
    expect(canWork(leader, { unitCode: null })).toBe(true);
    expect(canWork(head, { unitCode: 'HT' })).toBe(false);
    expect(canWork(null, { unitCode: 'HT' })).toBe(false);
    expect([contact, leader, head, null].map(worksQueues)).toEqual([true, true, false, false]);
  });

  it('links a proposal to the cycle, the source and the bank item when there is one', () => {
    expect(proposalQueryParams(makeQueueItem())).toEqual({ cycle: 4, source: 'cluster:77', item: 'HT-0012' });
    expect(proposalQueryParams(makeQueueItem({ kbItemId: null }))).toEqual({ cycle: 4, source: 'cluster:77' });
  });

  it('reads the keys it writes, and nothing else', () => {
    expect(queueKey({ kind: 'review', id: 501 })).toBe('review:501');
    expect(parseQueueKey('review:501')).toEqual({ kind: 'review', id: 501 });
    expect(parseQueueKey('proposal:1')).toBeNull();
    expect(parseQueueKey('cluster:')).toBeNull();
  });

  it('tells typing from shortcuts', () => {
    const make = (html: string) => {
      const holder = document.createElement('div');
      holder.innerHTML = html;
      return holder.firstElementChild;
    };
    expect(isTyping(make('<input type="search">'))).toBe(true);
    expect(isTyping(make('<input type="checkbox">'))).toBe(false);
    expect(isTyping(make('<textarea></textarea>'))).toBe(true);
    expect(isTyping(make('<select></select>'))).toBe(true);
    expect(isTyping(make('<tr tabindex="-1"></tr>'))).toBe(false);
    expect(isTyping(document.body)).toBe(false);
    expect(isTyping(null)).toBe(false);
  });

  it('offers the active units but the item’s own for a reassignment, by code', () => {
    const unit = (code: string, active = true) =>
      ({ code, name: code, kind: 'section', parentCode: null, categories: [], active }) as never;
    expect(reassignTargets([unit('LV'), unit('HT'), unit('AA', false), unit('GN')], 'HT')).toEqual([
      { code: 'GN', name: 'GN' },
      { code: 'LV', name: 'LV' },
    ]);
  });
});

describe('QueueOrderService', () => {
  beforeEach(() => sessionStorage.clear());

  it('keeps the last list in sessionStorage and finds an item’s neighbours', () => {
    const order = TestBed.inject(QueueOrderService);
    expect(order.position({ kind: 'cluster', id: 77 })).toBeNull();
    expect(order.listUrl()).toBe('/queue');

    order.remember(
      [
        { kind: 'cluster', id: 77 },
        { kind: 'review', id: 501 },
      ],
      '/queue?status=open',
    );
    order.opened({ kind: 'review', id: 501 });
    expect(order.position({ kind: 'cluster', id: 77 })).toEqual({ index: 1, total: 2, previous: null, next: { kind: 'review', id: 501 } });
    expect(order.position({ kind: 'review', id: 501 })).toEqual({ index: 2, total: 2, previous: { kind: 'cluster', id: 77 }, next: null });
    expect(JSON.parse(sessionStorage.getItem(QUEUE_ORDER_STORAGE_KEY)!)).toEqual({
      keys: ['cluster:77', 'review:501'],
      listUrl: '/queue?status=open',
      last: 'review:501',
    });

    // Anything but the queue's own address is not a way back to it.
    order.remember([], 'https://example.org/');
    expect(order.listUrl()).toBe('/queue');
  });

  it('starts afresh from what it cannot read', () => {
    sessionStorage.setItem(QUEUE_ORDER_STORAGE_KEY, '{"keys": 3}');
    const order = TestBed.inject(QueueOrderService);
    expect(order.listUrl()).toBe('/queue');
    expect(order.last()).toBeNull();
  });
});
